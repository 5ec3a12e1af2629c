package io.corral.server.pipeline;

import io.corral.protocol.jute.Record;

/** The type and record of a transaction that a write op prepared; the pipeline adds the header. */
public record TxnBody(int type, Record record) {
}
