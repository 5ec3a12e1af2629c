/**
 * The public contract for plugin authors: the persistence, authentication, election and management SPIs and the value types they exchange. Nothing here depends on the server.
 */
package io.corral.api;
