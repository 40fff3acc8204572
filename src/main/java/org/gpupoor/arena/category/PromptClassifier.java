package org.gpupoor.arena.category;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.gpupoor.arena.config.CategoryRules;

/**
 * Puts a prompt in categories by fixed, documented rules (README, "Prompt categories"): the same
 * prompt always gets the same categories, so a board per category can be recomputed and checked.
 * A prompt can fall in several categories, or in none but its language.
 */
public final class PromptClassifier {
    public static final String CODING = "coding";
    public static final String MATH = "math";
    public static final String CREATIVE_WRITING = "creative_writing";
    public static final String INSTRUCTION_FOLLOWING = "instruction_following";
    public static final String HARD_PROMPT = "hard_prompt";
    public static final String MULTI_TURN = "multi_turn";

    /** The built-in categories and what puts a prompt in them, as the page and the API describe them. */
    public static final Map<String, String> BUILT_IN = builtIn();

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern CODE_FENCE = Pattern.compile("```|^( {4}|\\t)\\S", Pattern.MULTILINE);
    private static final Pattern CODE_WORDS =
            words("code|coding|program|programming|function|method|class|compile|compiler|debug|bug|"
                    + "stack trace|exception|algorithm|regex|regular expression|python|javascript|typescript|java|"
                    + "kotlin|rust|golang|c\\+\\+|c#|sql|bash|shell script|html|css|api|json schema|git|docker|"
                    + "recursion|array|linked list|big-o|unit test|refactor|script");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]+`|\\w+\\([^)]*\\)\\s*[;{]|=>|->|::");
    private static final Pattern MATH_SYMBOLS = Pattern.compile(
            "\\d\\s*[-+*/^×÷=<>]\\s*\\(?\\d|\\$[^$]+\\$|\\\\(frac|sqrt|int|sum)|[∫∑√π≤≥≠]|\\b[xyn]\\s*[=^]\\s*\\d");
    private static final Pattern MATH_WORDS =
            words("equation|solve for|integral|derivative|calculus|algebra|geometry|probability|statistics|"
                    + "theorem|prove that|proof|prime number|primes|factorial|matrix|vector|square root|percent|"
                    + "percentage|arithmetic|fraction|logarithm|polynomial|triangle|circle's area|how many ways|"
                    + "expected value|calculate|compute the");
    private static final Pattern CREATIVE_WORDS =
            words("poem|poems|poetry|haiku|limerick|sonnet|verse|lyrics|song|story|short story|tale|"
                    + "fairy tale|fable|fiction|novel|screenplay|script for a|dialogue between|monologue|"
                    + "character|plot|imagine|once upon a time|rap|riddle|joke|slogan|toast|creative|poème|poésie|"
                    + "conte|histoire|poema|poesía|cuento|gedicht|geschichte|märchen|poesia|racconto|storia");
    private static final Pattern CONSTRAINTS = Pattern.compile(
            "\\b(in|within|under|using|exactly|at most|at least|no more than|fewer than|less than|maximum of|max)"
                    + "\\s+(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|a single)\\s+"
                    + "(words?|sentences?|paragraphs?|lines?|bullet points?|bullets|items?|characters?|letters?|"
                    + "syllables?|steps?|points?)\\b"
                    + "|\\b(as|in|into)\\s+(a\\s+)?(json|yaml|xml|csv|markdown table|table|bulleted list|numbered list)\\b"
                    + "|\\bwithout (using )?(the )?(letter|word|words|any)\\b"
                    + "|\\b(only|just) (answer|respond|reply|output|return|say)\\b"
                    + "|\\b(do not|don't|never) (use|mention|include|say|write)\\b"
                    + "|\\b(start|begin|end) (each|every|your|the) \\w+ with\\b"
                    + "|\\b(all|in) (caps|capital letters|upper ?case|lower ?case)\\b"
                    + "|\\bformat(ted)? (as|like)\\b",
            FLAGS);
    private static final Pattern SPECIFICS = Pattern.compile("\\d|^\\s*([-*•]|\\d+[.)])\\s", Pattern.MULTILINE);
    private static final int HARD_MIN_WORDS = 40;

    private final PromptLanguage language;
    private final List<Rule> extra = new ArrayList<>();

    private record Rule(String category, Pattern keywords) {}

    public PromptClassifier(CategoryRules rules, PromptLanguage language) {
        this.language = language;
        for (CategoryRules.KeywordRule rule : rules.rules()) {
            extra.add(new Rule(
                    rule.category(),
                    words(String.join(
                            "|", rule.keywords().stream().map(Pattern::quote).toList()))));
        }
    }

    /** The prompt's categories, in name order. */
    public SortedSet<String> classify(String prompt) {
        SortedSet<String> found = new TreeSet<>();
        boolean coding = CODE_FENCE.matcher(prompt).find()
                || CODE_WORDS.matcher(prompt).find()
                || INLINE_CODE.matcher(prompt).find();
        if (coding) {
            found.add(CODING);
        }
        boolean math = MATH_SYMBOLS.matcher(prompt).find()
                || MATH_WORDS.matcher(prompt).find();
        if (math) {
            found.add(MATH);
        }
        if (CREATIVE_WORDS.matcher(prompt).find()) {
            found.add(CREATIVE_WRITING);
        }
        boolean constrained = CONSTRAINTS.matcher(prompt).find();
        if (constrained) {
            found.add(INSTRUCTION_FOLLOWING);
        }
        if (isHard(prompt, coding || math, constrained)) {
            found.add(HARD_PROMPT);
        }
        for (Rule rule : extra) {
            if (rule.keywords().matcher(prompt).find()) {
                found.add(rule.category());
            }
        }
        language.of(prompt).ifPresent(found::add);
        return found;
    }

    /**
     * Long and specific: at least 40 words, and at least two of: a technical subject (code or
     * math), explicit constraints, concrete details (numbers or a list of requirements), more
     * than one question or sentence of request.
     */
    private static boolean isHard(String prompt, boolean technical, boolean constrained) {
        String[] words = prompt.trim().split("\\s+");
        if (words.length < HARD_MIN_WORDS) {
            return false;
        }
        int signs = (technical ? 1 : 0) + (constrained ? 1 : 0);
        signs += SPECIFICS.matcher(prompt).find() ? 1 : 0;
        signs += prompt.split("[.?!]\\s").length >= 3 ? 1 : 0;
        return signs >= 2;
    }

    /** Any of the |-separated words or phrases, as whole words in any case. */
    private static Pattern words(String alternatives) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(" + alternatives + ")(?![\\p{L}\\p{N}_])", FLAGS);
    }

    private static Map<String, String> builtIn() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CODING, "code blocks, inline code or programming words");
        m.put(MATH, "arithmetic, equations, formulas or math words");
        m.put(CREATIVE_WRITING, "poems, stories, lyrics, jokes and other creative writing");
        m.put(INSTRUCTION_FOLLOWING, "explicit constraints: a length, a format, words to avoid");
        m.put(HARD_PROMPT, "at least 40 words and specific: technical, constrained, detailed or multi-part");
        m.put(MULTI_TURN, "the voter asked follow-ups before voting");
        return Collections.unmodifiableMap(m);
    }
}
