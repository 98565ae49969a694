package vn.ansinh.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer             issuer of the embedded authorization server's tokens (the {@code iss} claim)
 * @param tokenTtl           lifetime of access tokens
 * @param signingKeyLocation PEM (PKCS#8) RSA private key that signs tokens; demo mode generates one
 */
@ConfigurationProperties("gateway.security")
public record SecurityProperties(String issuer, Duration tokenTtl, String signingKeyLocation) {}
