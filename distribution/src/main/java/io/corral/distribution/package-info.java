/**
 * Assembles the tarball (bin/, conf/, lib/). No code of its own beyond scripts; filled by the distribution issue.
 */
package io.corral.distribution;
