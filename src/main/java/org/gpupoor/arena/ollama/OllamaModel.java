package org.gpupoor.arena.ollama;

/**
 * A model Ollama has, as its model list describes it; any detail may be null.
 *
 * @param parameterSize Ollama's {@code parameter_size}, e.g. "3.2B"
 * @param quantization  Ollama's {@code quantization_level}, e.g. "Q4_K_M"
 * @param fileBytes     the size of the model's file, 0 when unknown
 * @param digest        Ollama's digest of the model: a tag pulled again may name other weights
 */
public record OllamaModel(
        String tag, String parameterSize, String family, String quantization, long fileBytes, String digest) {
    public OllamaModel(String tag, String parameterSize, String family, String quantization) {
        this(tag, parameterSize, family, quantization, 0, null);
    }
}
