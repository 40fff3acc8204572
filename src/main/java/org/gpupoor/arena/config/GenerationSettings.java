package org.gpupoor.arena.config;

/** The {@code generation} section: the Ollama options every answer is generated with. */
public record GenerationSettings(
        Double temperature, Integer numPredict, Integer seed, String keepAlive, Boolean parallel) {
    public GenerationSettings {
        temperature = temperature == null ? 0.7 : temperature;
        numPredict = numPredict == null ? 1024 : numPredict;
        keepAlive = keepAlive == null || keepAlive.isBlank() ? "5m" : keepAlive.strip();
        // Ollama reads a bare number in a string as a duration without unit and rejects it.
        keepAlive = keepAlive.matches("-?\\d+") ? keepAlive + "s" : keepAlive;
        parallel = parallel != null && parallel;
    }
}
