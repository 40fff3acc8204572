package org.gpupoor.arena.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gpupoor.arena.config.CategoryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented rules on prompts people write, so a category board holds what its name says. */
class PromptClassifierTest {
    static PromptClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = new PromptClassifier(
                new CategoryRules(List.of(new CategoryRules.KeywordRule("medicine", List.of("symptom", "dosage")))),
                new PromptLanguage());
    }

    @Test
    void codingByFenceInlineCodeOrProgrammingWords() {
        assertThat(classifier.classify("Write a Python function that reverses a linked list."))
                .contains("coding", "english");
        assertThat(classifier.classify("Why does this fail?\n```\nlet x = [1, 2];\nx.push(3)\n```"))
                .contains("coding");
        assertThat(classifier.classify("What does `git rebase -i` do?")).contains("coding");
        assertThat(classifier.classify("Tell me about the history of Rome and its emperors."))
                .doesNotContain("coding", "math", "creative_writing", "instruction_following", "hard_prompt");
    }

    @Test
    void mathBySymbolsOrWords() {
        assertThat(classifier.classify("What is 17 * 23?")).contains("math");
        assertThat(classifier.classify("Solve for x: 3x + 5 = 20")).contains("math");
        assertThat(classifier.classify("Compute the integral of $x^2$ from 0 to 1."))
                .contains("math");
        assertThat(classifier.classify("Explain what a prime number is, simply."))
                .contains("math");
        assertThat(classifier.classify("I was born in 1990 and moved twice.")).doesNotContain("math");
    }

    @Test
    void creativeWriting() {
        assertThat(classifier.classify("Write a haiku about autumn leaves.")).contains("creative_writing");
        assertThat(classifier.classify("Tell me a short story about a brave toaster."))
                .contains("creative_writing");
        assertThat(classifier.classify("Summarise the causes of the French Revolution."))
                .doesNotContain("creative_writing");
    }

    @Test
    void instructionFollowingNeedsAnExplicitConstraint() {
        assertThat(classifier.classify("Describe the moon in exactly three sentences."))
                .contains("instruction_following");
        assertThat(classifier.classify("List the planets as JSON.")).contains("instruction_following");
        assertThat(classifier.classify("Write a sentence without the letter e."))
                .contains("instruction_following");
        assertThat(classifier.classify("Only answer with yes or no: is water wet?"))
                .contains("instruction_following");
        assertThat(classifier.classify("Describe the moon.")).doesNotContain("instruction_following");
    }

    @Test
    void hardPromptsAreLongAndSpecific() {
        String hard = "I run a small bakery with 3 employees and sell about 400 loaves a week. Write a Python"
                + " script that reads our daily sales from a CSV file, forecasts next week's demand per product"
                + " with a simple moving average, and prints a table of how much flour to order. Keep it under"
                + " 60 lines and explain each step in one sentence.";
        assertThat(classifier.classify(hard)).contains("hard_prompt", "coding", "instruction_following");
        String longButVague = "Tell me something interesting about the world that I might not know about, ".repeat(4);
        assertThat(classifier.classify(longButVague)).doesNotContain("hard_prompt");
        assertThat(classifier.classify("Write a Python function.")).doesNotContain("hard_prompt");
    }

    @Test
    void languageWhenClear() {
        assertThat(classifier.classify("Écris un poème sur la mer et le vent du soir."))
                .contains("french", "creative_writing");
        assertThat(classifier.classify("¿Cuál es la capital de Francia y por qué es famosa?"))
                .contains("spanish");
        assertThat(classifier.classify("Schreibe eine Funktion, die Primzahlen findet."))
                .contains("german");
        assertThat(classifier.classify("写一首关于大海的诗，要有四行。")).contains("chinese");
        // Too short to tell: no language rather than a guess.
        assertThat(classifier.classify("Hi")).isEmpty();
    }

    @Test
    void operatorKeywordsAreWholeWordsInAnyCase() {
        assertThat(classifier.classify("What is a safe Dosage of ibuprofen?")).contains("medicine");
        assertThat(classifier.classify("Describe the symptoms of flu.")).doesNotContain("medicine");
        assertThat(classifier.classify("A SYMPTOM list, please")).contains("medicine");
    }

    @Test
    void theSamePromptAlwaysGetsTheSameCategories() {
        String prompt = "Write a limerick about a cat who learns Rust, in five lines.";
        assertThat(classifier.classify(prompt))
                .isEqualTo(classifier.classify(prompt))
                .containsExactly("coding", "creative_writing", "english", "instruction_following");
    }
}
