package vn.ansinh.gateway.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param subjectKey    HMAC key for personal ids in the audit trail (at least 32 characters)
 * @param queueCapacity events held in memory between the request path and the writer
 * @param batchSize     events written per database transaction, at most
 * @param flushInterval how long the writer waits for more events before writing a partial batch
 * @param signingKeyLocation the audit key (Ed25519, PKCS#8 PEM; its public key in {@code <file>.pub})
 * @param checkpointEvery    events after which the chain head is signed
 * @param checkpointInterval time after which the chain head is signed, if events came since
 * @param refuseAfter   a batch the store has not taken within this makes requests refused (fail closed)
 */
@ConfigurationProperties("gateway.audit")
public record AuditProperties(String subjectKey, int queueCapacity, int batchSize, Duration flushInterval,
    String signingKeyLocation, int checkpointEvery, Duration checkpointInterval, Duration refuseAfter) {}
