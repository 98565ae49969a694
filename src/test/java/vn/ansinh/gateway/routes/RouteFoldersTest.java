package vn.ansinh.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Every route file under routes/ is loaded by its exact name (no jar scan), plus an operator's outside folder. */
class RouteFoldersTest {

  @Test
  void everyRouteFileUnderRoutesIsNamedInTheBuildIndex() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("routes"))) {
      List<String> expected = files.filter(f -> f.toString().endsWith(".yaml"))
          .map(f -> "classpath:" + f.toString().replace('\\', '/')).toList();
      assertThat(expected).hasSizeGreaterThan(5);
      assertThat(PackagedRoutes.packaged()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void camelIsGivenExactNamesThenTheOperatorsFolder() {
    MockEnvironment env = new MockEnvironment().withProperty(PackagedRoutes.EXTRA, "file:/etc/ansinh/routes/*.yaml");
    new PackagedRoutes().postProcessEnvironment(env, new SpringApplication());

    List<String> locations = List.of(env.getProperty(PackagedRoutes.CAMEL_PATTERN).split(","));
    assertThat(locations.subList(0, locations.size() - 1)).allSatisfy(l -> assertThat(l)
        .startsWith("classpath:routes/").endsWith(".yaml").doesNotContain("*"));
    assertThat(locations).last().isEqualTo("file:/etc/ansinh/routes/*.yaml");
  }

  @Test
  void withoutAnOutsideFolderOnlyThePackagedRoutesLoad() {
    MockEnvironment env = new MockEnvironment();
    new PackagedRoutes().postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty(PackagedRoutes.CAMEL_PATTERN).split(",")).containsExactlyElementsOf(PackagedRoutes.packaged());
  }
}
