package org.gpupoor.arena.web;

import java.util.Optional;
import org.gpupoor.arena.share.SharedBattle;

/**
 * The HTML of a shared battle, whole on the server so that link previews (Open Graph, Twitter
 * cards) and readers without script see it. Every text from a person or a model is escaped here;
 * {@code /js/shared.js} then draws the answers as markdown through the arena's sanitiser. No
 * inline script or style: the page lives under the same Content-Security-Policy as the arena.
 */
final class SharedPage {
    private static final int DESCRIPTION_CHARS = 200;

    private SharedPage() {}

    static String of(SharedBattle battle, String arena, Optional<String> url) {
        String title = battle.title();
        String description = description(battle.prompt());
        String link = url.map(u -> """
                  <meta property="og:url" content="%1$s">
                  <link rel="canonical" href="%1$s">
                """.formatted(escape(u))).orElse("");
        return head(title + " · " + arena)
                + """
                  <meta name="description" content="%2$s">
                  <meta property="og:site_name" content="%3$s">
                  <meta property="og:type" content="article">
                  <meta property="og:title" content="%1$s">
                  <meta property="og:description" content="%2$s">
                %4$s  <meta name="twitter:card" content="summary">
                  <meta name="twitter:title" content="%1$s">
                  <meta name="twitter:description" content="%2$s">
                  <script src="/webjars/dompurify/3.3.3/dist/purify.min.js" defer></script>
                  <script src="/webjars/marked/17.0.1/lib/marked.umd.js" defer></script>
                  <script src="/js/shared.js" type="module"></script>
                </head>
                <body>
                <header class="masthead">
                  <p class="site-name"><a href="/">%3$s</a></p>
                  <h1>%1$s</h1>
                </header>
                <main id="shared" data-id="%5$s">
                  <section class="shared-prompt" aria-labelledby="prompt-heading">
                    <h2 id="prompt-heading">The prompt</h2>
                    <p class="plain-text">%6$s</p>
                  </section>
                  <div class="panes">
                %7$s%8$s  </div>
                %10$s  <p class="result" id="verdict"><strong>%9$s</strong> Names were hidden until the vote.</p>
                  <p class="after-actions"><a class="button primary" href="/">⚔️ Start a battle of your own</a></p>
                </main>
                </body>
                </html>
                """.formatted(
                                escape(title),
                                escape(description),
                                escape(arena),
                                link,
                                escape(battle.id()),
                                escape(battle.prompt()),
                                pane(battle, "a"),
                                pane(battle, "b"),
                                escape(battle.verdict()),
                                followUps(battle));
    }

    /** What a link that leads nowhere shows: no battle, no hint whether one ever existed. */
    static String missing(String arena) {
        return head("Battle not found · " + arena) + """
                </head>
                <body>
                <header class="masthead">
                  <p class="site-name"><a href="/">%1$s</a></p>
                  <h1>This battle is not shared</h1>
                </header>
                <main>
                  <p>The link may be mistyped, its battle may have been withdrawn, or this arena no longer shares battles.</p>
                  <p class="after-actions"><a class="button primary" href="/">⚔️ Start a battle of your own</a></p>
                </main>
                </body>
                </html>
                """.formatted(escape(arena));
    }

    private static String head(String title) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="color-scheme" content="light dark">
                  <title>%s</title>
                  <link rel="icon" href="data:,">
                  <link rel="stylesheet" href="/app.css">
                """.formatted(escape(title));
    }

    /** Each follow-up turn below the first: the voter's prompt, then both answers, escaped. */
    private static String followUps(SharedBattle battle) {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < battle.followUps().size(); i++) {
            SharedBattle.FollowUp turn = battle.followUps().get(i);
            int number = i + 2;
            html.append("""
                      <section class="shared-prompt" aria-labelledby="turn-%1$d-heading">
                        <h2 id="turn-%1$d-heading">Follow-up %2$d</h2>
                        <p class="plain-text">%3$s</p>
                      </section>
                      <div class="panes">
                    """.formatted(number, number - 1, escape(turn.prompt())));
            for (String side : java.util.List.of("a", "b")) {
                html.append("""
                            <article class="pane" aria-label="Model %1$s, follow-up %2$d">
                              <div class="answer plain-text" id="answer-%3$s-%4$d">%5$s</div>
                            </article>
                        """.formatted(
                                side.toUpperCase(java.util.Locale.ROOT),
                                number - 1,
                                side,
                                number,
                                escape(turn.answers().get(side))));
            }
            html.append("      </div>\n");
        }
        return html.toString();
    }

    private static String pane(SharedBattle battle, String side) {
        String label = side.toUpperCase(java.util.Locale.ROOT);
        boolean won = battle.winner().equals(side);
        return """
                    <article class="pane%1$s" aria-labelledby="label-%2$s">
                      <header><h2 id="label-%2$s">Model %3$s: %4$s</h2>%5$s</header>
                      <div class="answer plain-text" id="answer-%2$s">%6$s</div>
                    </article>
                """.formatted(
                        won ? " winner" : "",
                        side,
                        label,
                        escape(battle.models().get(side).name()),
                        won ? "<span class=\"status done\">✓ The voter's choice</span>" : "",
                        escape(battle.answers().get(side)));
    }

    /** The prompt on one line, cut to what a preview shows. */
    static String description(String prompt) {
        String line = prompt.strip().replaceAll("\\s+", " ");
        return line.codePointCount(0, line.length()) <= DESCRIPTION_CHARS
                ? line
                : line.substring(0, line.offsetByCodePoints(0, DESCRIPTION_CHARS - 1)) + "…";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
