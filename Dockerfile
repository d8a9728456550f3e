# Runtime image of the FinancialPipeline operator.
# Build the jar first (no multi-stage build: the build needs the Maven reactor, not a JDK image):
#   mvn -B package -DskipTests
#   docker build -t financial-pipeline-operator:dev .
FROM eclipse-temurin:21-jre

LABEL org.opencontainers.image.title="financial-pipeline-operator" \
      org.opencontainers.image.description="Kubernetes operator that provisions a serverless financial-data pipeline on AWS" \
      org.opencontainers.image.licenses="Apache-2.0"

# The shaded jar carries the Lambda handlers jar the operator deploys.
COPY operator/target/financial-pipeline-operator.jar /app/operator.jar

# The chart runs it as 65532 with a read-only root filesystem and an emptyDir at /tmp.
USER 65532:65532
WORKDIR /tmp
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    FINPIPE_LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/operator.jar"]
