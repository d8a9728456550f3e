package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.finpipe.handlers.processing.FileOutcome;
import dev.finpipe.handlers.processing.JobResults;
import dev.finpipe.handlers.processing.TransactionFileProcessor;
import dev.finpipe.handlers.support.ETags;
import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.JobState;
import dev.finpipe.handlers.support.JobStatus;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.JsonLog;
import dev.finpipe.handlers.support.S3Clients;
import dev.finpipe.handlers.support.S3EventKeys;
import dev.finpipe.handlers.support.S3EventRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Triggered by S3 ObjectCreated events under the incoming prefix: adds up the CSV, stores the results
 * and the final status, then moves the file to the processed prefix.
 *
 * <p>Idempotent per object key and ETag: a redelivered event for a version that already reached a final
 * state, or whose file was already moved away, changes nothing. Unexpected errors are recorded in the
 * status and rethrown, so Lambda's asynchronous retries and the dead-letter queue take over.
 *
 * <p>Lambda calls the stream entry point, which reads the few fields it needs from the event JSON with the handlers'
 * own Jackson: the runtime client's event serializers are never started (docs/PERFORMANCE.md, cold start).
 */
public class ProcessorHandler implements RequestStreamHandler {
  private static final byte[] NO_RESULT = "null".getBytes(StandardCharsets.US_ASCII);

  private final JobStore store;
  private final TransactionFileProcessor fileProcessor = new TransactionFileProcessor();

  public ProcessorHandler() {
    this(HandlerConfig.fromEnvironment());
  }

  public ProcessorHandler(HandlerConfig config) {
    this(new JobStore(config, S3Clients.client(config)));
  }

  public ProcessorHandler(JobStore store) {
    this.store = store;
  }

  @Override
  public void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
    handle(S3EventRecord.read(event), context);
    output.write(NO_RESULT);
  }

  /** The same, for an event already read into the Lambda event library's model. */
  public Void handleRequest(S3Event event, Context context) {
    handle(S3EventRecord.of(event), context);
    return null;
  }

  private void handle(List<S3EventRecord> records, Context context) {
    JsonLog log = JsonLog.start(context, "processor");
    store.expectOwnerOf(context);
    log.info("event received", "records", records.size());
    for (S3EventRecord record : records) {
      handleRecord(record, log);
    }
  }

  private void handleRecord(S3EventRecord record, JsonLog log) {
    String eventName = record.eventName() == null ? "" : record.eventName();
    String bucket = record.bucket();
    if (!eventName.startsWith("ObjectCreated") || !store.config().bucket().equals(bucket)) {
      log.warn("record ignored: not an object creation in the pipeline bucket", "eventName", eventName, "bucket", bucket);
      return;
    }
    Optional<String> decoded = record.key() == null ? Optional.empty() : S3EventKeys.decode(record.key());
    if (decoded.isEmpty()) {
      // Not URL-encoded as S3 encodes keys: no retry can read it, and the other records of the event still count.
      log.error("record failed: the key is not URL-encoded", null, "key", record.key());
      return;
    }
    String key = decoded.get();
    Optional<String> jobId = store.config().jobIdOfIncomingKey(key);
    if (jobId.isEmpty()) {
      log.warn("record ignored: key is not <incoming prefix><job id>.csv", "key", key);
      return;
    }
    log.jobId(jobId.get());
    process(jobId.get(), key, ETags.normalize(record.eTag()), log);
  }

  private void process(String jobId, String key, String eTag, JsonLog log) {
    Optional<JobStatus> status = store.status(jobId);
    if (status.isPresent() && status.get().isFinalFor(eTag)) {
      log.info("already processed; redelivery ignored", "key", key, "eTag", eTag, "state", status.get().state());
      store.moveToProcessed(key, jobId, eTag); // finishes a move an earlier attempt may have cut short
      return;
    }
    Optional<String> currentETag = store.eTag(key);
    if (currentETag.isEmpty()) {
      log.info("source already moved; nothing to do", "key", key, "eTag", eTag);
      return;
    }
    if (!currentETag.get().equals(eTag)) {
      log.info("stale event: the object was replaced; its own event will process it", "key", key, "eTag", eTag);
      return;
    }
    try {
      store.putStatus(JobStatus.of(jobId, JobState.PROCESSING));
      FileOutcome outcome = readAndSummarise(key, eTag);
      if (outcome.isFailed()) {
        store.putStatus(JobStatus.rejected(jobId, outcome.failureReason(), eTag));
        log.warn("file rejected", "key", key, "reason", outcome.failureReason());
      } else {
        store.putResults(jobId, JobResults.of(jobId, key, eTag, outcome.summary()));
        store.putStatus(JobStatus.completed(jobId, eTag));
        log.info("file processed", "key", key, "rows", outcome.summary().rows().total(),
            "rejected", outcome.summary().rows().rejected());
      }
      store.moveToProcessed(key, jobId, eTag);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        log.info("stale event: the object was replaced while reading", "key", key, "eTag", eTag);
        return;
      }
      throw recordUnexpected(jobId, e, log);
    } catch (RuntimeException e) {
      throw recordUnexpected(jobId, e, log);
    }
  }

  private FileOutcome readAndSummarise(String key, String eTag) {
    // The processor reads UTF-8 bytes and buffers itself: the S3 stream goes in as it is.
    try (InputStream in = store.open(key, eTag)) {
      return fileProcessor.process(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RuntimeException recordUnexpected(String jobId, RuntimeException error, JsonLog log) {
    log.error("processing failed; the event will be retried", error);
    try {
      store.putStatus(JobStatus.failedUnexpectedly(jobId, "unexpected error (retried): " + error.getClass().getSimpleName()));
    } catch (RuntimeException statusError) {
      error.addSuppressed(statusError);
      log.error("could not record the failure in the job status", statusError);
    }
    return error;
  }
}
