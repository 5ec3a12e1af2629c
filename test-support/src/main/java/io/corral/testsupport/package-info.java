/** Test helpers shared by several modules' tests: a small JSON reader and a throwaway PKI. Test scope only. */
package io.corral.testsupport;
