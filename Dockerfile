# With Ollama and the models pulled for you: docker compose up -d --build (docker-compose.yml)
# Build:  docker build -t gpu-poor-arena .
# Run:    docker run -p 7860:7860 -v arena-data:/data \
#           -v "$PWD/arena_config.yaml:/config/arena_config.yaml:ro" \
#           -e OLLAMA_HOST=http://host.docker.internal:11434 --add-host=host.docker.internal:host-gateway \
#           gpu-poor-arena

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src ./src
# The class archive is made below, by the JVM that runs the arena.
RUN mvn -B -ntp -DskipTests -Dcds.skip=true package

FROM eclipse-temurin:25-jre
RUN groupadd --system arena && useradd --system --gid arena --uid 10001 arena \
    && mkdir -p /app /config /data && chown arena:arena /data
COPY --from=build /src/target/gpu-poor-arena.jar /app/gpu-poor-arena.jar
COPY arena_config.yaml /config/arena_config.yaml
COPY --chown=arena:arena leaderboard.json /data/leaderboard.json

# Sized for a GPU-poor box: a small serial-collected heap leaves the memory to the models
# (see BENCHMARKS.md for what it costs); raise -Xmx for logs of several million battles.
# The AOT cache, made by one warm-up run of the arena at build time, halves the start-up.
# The client compiler alone and a native heap trimmed every 5 s: C2's code, profiles and
# compile arenas (freed, but kept by malloc) cost 40-50 MB resident; under 16 battles at once
# the resident memory went from 198-203 MB idle / 262-268 MB peak to 158-159 / 209-215 MB,
# with no first-token or board-read latency lost (the arena waits on Ollama, not on the CPU).
ENV JVM_SIZING="-XX:+UseSerialGC -Xmx160m -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:TrimNativeHeapInterval=5000"
ENV JAVA_OPTS="${JVM_SIZING} -XX:AOTCache=/app/arena.aot"
# The warm-up also unpacks SQLite's native library into the cache once, read-only for the arena
# user: no start copies it out of the jar again.
ENV XDG_CACHE_HOME=/app/cache
RUN java $JVM_SIZING -XX:AOTCacheOutput=/app/arena.aot \
        -jar /app/gpu-poor-arena.jar warm-up --config /config/arena_config.yaml

# The battle log and leaderboard.json live in /data (the working directory); the config in /config.
WORKDIR /data
ENV ARENA_CONFIG=/config/arena_config.yaml \
    ARENA_DB=/data/arena.db \
    ARENA_PORT=7860 \
    OLLAMA_HOST=http://host.docker.internal:11434
VOLUME ["/data"]
EXPOSE 7860
USER arena
# bash's /dev/tcp: no curl needed in the image, and no second JVM started every 30 seconds.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ARENA_PORT} && printf 'GET /api/health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/gpu-poor-arena.jar \"$@\"", "--"]
