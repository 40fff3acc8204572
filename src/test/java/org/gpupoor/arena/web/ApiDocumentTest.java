package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI document describes exactly the routes the server has, and its page loads. */
class ApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @RegisterExtension
    final ArenaExtension arena =
            new ArenaExtension().model("one:1b", "1.0B", "One (1B)").model("two:1b", "1.0B", "Two (1B)");

    @Test
    void the_document_and_the_route_table_list_the_same_routes() throws Exception {
        Api.Response served = arena.api().get("/api/openapi.yaml");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(served.text());
        assertThat(document.get("openapi").asText()).startsWith("3.1");

        List<String> documented = new ArrayList<>();
        document.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        documented.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        assertThat(documented)
                .as("routes in openapi.yaml")
                .containsExactlyInAnyOrderElementsOf(arena.app().routes());
        assertThat(arena.app().routes())
                .contains("GET /api/leaderboard", "POST /api/battles/{id}/vote", "GET /metrics");
    }

    @Test
    void every_reference_in_the_document_points_at_a_component_it_defines() throws Exception {
        String yaml = arena.api().get("/api/openapi.yaml").text();
        JsonNode components = new ObjectMapper(new YAMLFactory()).readTree(yaml).get("components");
        Matcher refs = Pattern.compile("\\$ref: \"#/components/(\\w+)/(\\w+)\"").matcher(yaml);
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(components.path(refs.group(1)).has(refs.group(2)))
                    .as("%s/%s is defined", refs.group(1), refs.group(2))
                    .isTrue();
        }
        assertThat(count).isGreaterThan(10);
    }

    @Test
    void the_browsable_page_and_everything_it_loads_are_served_by_the_arena() {
        Api.Response docs = arena.api().get("/api/docs");
        assertThat(docs.status()).isEqualTo(302);
        assertThat(docs.raw().headers().firstValue("Location")).hasValue("/api-docs.html");
        String page = arena.api().get("/api-docs.html").text();
        Matcher assets = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page);
        int count = 0;
        while (assets.find()) {
            count++;
            assertThat(arena.api().get(assets.group(1)).status())
                    .as(assets.group(1))
                    .isEqualTo(200);
        }
        assertThat(count).isEqualTo(3);
    }
}
