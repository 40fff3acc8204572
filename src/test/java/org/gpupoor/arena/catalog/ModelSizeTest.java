package org.gpupoor.arena.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModelSizeTest {
    @Test
    void sizes_are_read_from_display_names_like_the_original_ones() {
        assertThat(ModelSize.fromDisplayName("Qwen 2.5 (7B, 4-bit)")).contains(7.0);
        assertThat(ModelSize.fromDisplayName("Qwen 2.5 (500M)")).contains(0.5);
        assertThat(ModelSize.fromDisplayName("Llama 3.2 (1B)")).contains(1.0);
        assertThat(ModelSize.fromDisplayName("Phi 3.5 Mini (3.8B, 4-bit)")).contains(3.8);
        assertThat(ModelSize.fromDisplayName("Granite 3.1 Dense 2B")).contains(2.0);
        assertThat(ModelSize.fromDisplayName("Mixtral 8x7B")).isEmpty();
        assertThat(ModelSize.fromDisplayName("Mystery model")).isEmpty();
    }

    @Test
    void ollama_parameter_sizes_and_tags_are_understood() {
        assertThat(ModelSize.fromParameterSize("494.03M"))
                .hasValueSatisfying(v -> assertThat(v).isCloseTo(0.49403, within(1e-12)));
        assertThat(ModelSize.fromParameterSize("8.0B")).contains(8.0);
        assertThat(ModelSize.fromParameterSize("unknown")).isEmpty();
        assertThat(ModelSize.fromTag("qwen2.5:7b-instruct-q4_K_M")).contains(7.0);
        assertThat(ModelSize.fromTag("qwen2.5:0.5b")).contains(0.5);
        assertThat(ModelSize.fromTag("mistral:latest")).isEmpty();
    }
}
