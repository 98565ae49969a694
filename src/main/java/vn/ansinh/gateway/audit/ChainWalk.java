package vn.ansinh.gateway.audit;

import java.util.Map;

/**
 * One walk along the chain, event by event in sequence order: the checks the gateway's integrity
 * report and the offline verifier both make, so they find the same first broken sequence number
 * for the same reason. Finds a gap in the sequence, a link that does not point at the previous
 * hash, a hash that does not match the content, and a signed checkpoint that does not match the
 * chain there or does not verify with a registered key.
 */
final class ChainWalk {

  /** A signed chain head: the hash at its sequence number, the key that signed it, the signature. */
  record Checkpoint(String headHash, String keyId, String signature) {}

  private final Map<Long, Checkpoint> signed;
  private final Map<String, String> keys;   // key id → public key
  private long expectedSeq;
  private String prevHash;
  private long events;
  private long checkpoints;
  private Long brokenSeq;
  private String reason;

  /**
   * @param start  the first sequence number expected
   * @param anchor the hash the first event must link to; null takes the first event's own link
   *               (an export that starts mid-chain: the checkpoints vouch for it)
   */
  ChainWalk(long start, String anchor, Map<Long, Checkpoint> signed, Map<String, String> keys) {
    this.expectedSeq = start;
    this.prevHash = anchor;
    this.signed = signed;
    this.keys = keys;
  }

  /** Checks the next event; false once the chain is broken (later events are not looked at). */
  boolean next(long seq, String linkedHash, AuditEvent event, String hash) {
    if (brokenSeq != null) {
      return false;
    }
    if (seq != expectedSeq) {
      return fail(expectedSeq, "sequence number " + expectedSeq + " is missing");
    }
    if (prevHash != null && !prevHash.equals(linkedHash)) {
      return fail(seq, "the link to the previous event does not match");
    }
    if (!AuditChain.hash(seq, linkedHash, event).equals(hash)) {
      return fail(seq, "the event's content does not match its hash");
    }
    Checkpoint c = signed.get(seq);
    if (c != null) {
      String key = keys.get(c.keyId());
      if (!c.headHash().equals(hash)) {
        return fail(seq, "the signed checkpoint does not match the chain here");
      }
      if (key == null) {
        return fail(seq, "the checkpoint is signed with a key that was never registered");
      }
      if (!AuditSigningKey.verifies(key, seq, hash, c.signature())) {
        return fail(seq, "the checkpoint's signature does not verify");
      }
      checkpoints++;
    }
    events++;
    prevHash = hash;
    expectedSeq++;
    return true;
  }

  /** Marks the chain broken at {@code seq}, for a reason found outside the walk (a missing tail). */
  boolean fail(long seq, String why) {
    if (brokenSeq == null) {
      brokenSeq = seq;
      reason = why;
    }
    return false;
  }

  boolean broken() {
    return brokenSeq != null;
  }

  Long brokenSeq() {
    return brokenSeq;
  }

  String reason() {
    return reason;
  }

  long events() {
    return events;
  }

  long checkpoints() {
    return checkpoints;
  }

  /** The sequence number the next event must have: one past the last verified. */
  long expectedSeq() {
    return expectedSeq;
  }

  /** The hash of the last verified event (or the anchor). */
  String lastHash() {
    return prevHash;
  }
}
