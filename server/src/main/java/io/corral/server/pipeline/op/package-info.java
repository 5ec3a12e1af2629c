/**
 * One small class per client opcode (or family of read opcodes): prepare and reply for writes, execute for reads.
 */
package io.corral.server.pipeline.op;
