package org.gpupoor.arena.category;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The language a prompt is written in, by the n-gram profiles of the Optimaize language detector.
 * Only widely used languages are loaded: with all seventy, short Spanish prompts come out as
 * Occitan, and loading takes a second. A language is named only when the detector is at least
 * 90% sure and the prompt has a dozen letters outside code; otherwise the prompt has none.
 */
public final class PromptLanguage {
    private static final List<String> LANGUAGES = List.of(
            "ar", "cs", "de", "en", "es", "fr", "hi", "id", "it", "ja", "ko", "nl", "pl", "pt", "ru", "sv", "tr", "uk",
            "vi", "zh-CN", "zh-TW");
    /** Every language a prompt can be found in, by name ("english"). */
    public static final Set<String> NAMES =
            LANGUAGES.stream().map(PromptLanguage::name).collect(Collectors.toCollection(TreeSet::new));

    private static final double MIN_PROBABILITY = 0.9;
    private static final int MIN_LETTERS = 12;

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();

    public PromptLanguage() {
        try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader()
                            .readBuiltIn(
                                    LANGUAGES.stream().map(LdLocale::fromString).toList()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language profiles", e);
        }
    }

    /** The language's English name in lower case ("english", "chinese"), if the prompt clearly has one. */
    public Optional<String> of(String prompt) {
        String prose = prompt.replaceAll("(?s)```.*?(```|$)", " ").replaceAll("`[^`]*`", " ");
        if (prose.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return Optional.empty();
        }
        List<DetectedLanguage> found = detector.getProbabilities(texts.forText(prose));
        if (found.isEmpty() || found.get(0).getProbability() < MIN_PROBABILITY) {
            return Optional.empty();
        }
        String code = found.get(0).getLocale().getLanguage();
        return Optional.of(
                Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT));
    }

    private static String name(String languageCode) {
        return Locale.forLanguageTag(languageCode)
                .getDisplayLanguage(Locale.ENGLISH)
                .toLowerCase(Locale.ROOT);
    }
}
