/**
 * The request pipeline: prepare (validate, zxid) -> log (group commit through the persistence SPI) -> apply
 * (tree, watches, replies in request order). One thread owns all state; ops live in {@code op}.
 */
package io.corral.server.pipeline;
