# syntax=docker/dockerfile:1
# One image recipe for every service: docker build --build-arg SERVICE=ingestion-service -t adplatform/ingestion-service .
# (docker-compose.yml builds each service this way.) Two stages: the Maven wrapper builds the service and the modules it
# needs, then only its runnable jar goes into a JRE image that runs as an unprivileged user.

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests -pl "${SERVICE}" -am package \
 && cp "${SERVICE}"/target/"${SERVICE}"-*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
ARG SERVICE
LABEL org.opencontainers.image.title="adplatform ${SERVICE}"
RUN groupadd --system app && useradd --system --gid app --uid 10001 app \
 && mkdir -p /var/lib/adplatform/creatives && chown -R 10001:app /var/lib/adplatform
COPY --from=build /app.jar /app/app.jar
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" LOG_FORMAT=ecs
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
