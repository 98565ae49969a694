package vn.ansinh.gateway.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Names every route file for Camel, so it loads them without scanning: the jar's own routes come
 * from {@code routes/index.txt} (written by the build from {@code routes/**}/*.yaml, so a new
 * route folder needs no configuration), followed by an operator's outside routes
 * ({@code gateway.routes.extra}, e.g. {@code file:/etc/ansinh/routes/*.yaml}). A pattern such as
 * {@code classpath:routes/*}{@code /*.yaml} would make Camel walk the whole packaged jar, nested jars
 * included, once per pattern: tens of seconds before the first route runs.
 */
public class PackagedRoutes implements EnvironmentPostProcessor, Ordered {

  static final String INDEX = "routes/index.txt";
  static final String CAMEL_PATTERN = "camel.main.routes-include-pattern";
  static final String EXTRA = "gateway.routes.extra";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    List<String> locations = new ArrayList<>(packaged());
    String extra = env.getProperty(EXTRA, "");
    if (!extra.isBlank()) {
      locations.add(extra.trim());
    }
    env.getPropertySources().addFirst(new MapPropertySource("packagedRoutes",
        Map.of(CAMEL_PATTERN, String.join(",", locations))));
  }

  /** The jar's route files as exact {@code classpath:} names. */
  static List<String> packaged() {
    ClassPathResource index = new ClassPathResource(INDEX, PackagedRoutes.class.getClassLoader());
    if (!index.exists()) {
      throw new IllegalStateException(INDEX + " is missing from the classpath: build with ./mvnw, which writes it");
    }
    try (InputStream in = index.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(line -> line.endsWith(".yaml")).map(line -> "classpath:" + line).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX, e);
    }
  }

  @Override
  public int getOrder() {
    // after the configuration files are loaded, so gateway.routes.extra can come from any of them
    return Ordered.LOWEST_PRECEDENCE;
  }
}
