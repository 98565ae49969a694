package vn.ansinh.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/** Every flow folder under routes/ is loaded from the packaged jar, where Camel cannot scan with **. */
class RouteFoldersTest {

  @Test
  void everyRouteFolderIsInTheDefaultIncludePattern() throws IOException {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new FileSystemResource("src/main/resources/application.yaml"));
    String pattern = yaml.getObject().getProperty("camel.main.routes-include-pattern");
    String defaults = pattern.substring(pattern.indexOf(':') + 1, pattern.length() - 1);
    List<String> included = Arrays.asList(defaults.split(","));

    try (Stream<Path> folders = Files.list(Path.of("routes"))) {
      List<String> expected = folders.filter(Files::isDirectory)
          .map(f -> "classpath:routes/" + f.getFileName() + "/*.yaml").toList();
      assertThat(expected).isNotEmpty();
      assertThat(included).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
