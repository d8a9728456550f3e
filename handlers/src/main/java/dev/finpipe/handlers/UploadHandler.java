package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.ApiPaths;
import dev.finpipe.handlers.support.ApiResponses;
import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.JobIds;
import dev.finpipe.handlers.support.JobState;
import dev.finpipe.handlers.support.JobStatus;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.JsonLog;
import dev.finpipe.handlers.support.Lazy;
import dev.finpipe.handlers.support.S3Clients;
import dev.finpipe.handlers.support.UploadBody;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@code POST /upload}: stores the CSV body as a new job (202), or with {@code ?mode=presign&size=<bytes>} hands out
 * a pre-signed S3 PUT URL for files larger than an API request may carry (201).
 *
 * <p>The URL signs {@code Content-Length} with the declared size: S3 checks every header listed in
 * {@code X-Amz-SignedHeaders} against the signature ("Authenticating Requests: Using Query Parameters (AWS Signature
 * Version 4)", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html; "Uploading objects with
 * presigned URLs", https://docs.aws.amazon.com/AmazonS3/latest/userguide/PresignedUrlUploadObject.html), so a body of
 * any other size is refused with 403 SignatureDoesNotMatch. Sizes above {@code MAX_PRESIGNED_UPLOAD_BYTES} get no URL.
 */
public class UploadHandler extends ApiGatewayHandler {
  private final JobStore store;
  // Built on the first presign request: a plain upload, the common case, never needs it (a cold start saved).
  private final Supplier<S3Presigner> presigner;

  public UploadHandler() {
    this(HandlerConfig.fromEnvironment());
  }

  public UploadHandler(HandlerConfig config) {
    this(new JobStore(config, S3Clients.client(config)), Lazy.of(() -> S3Clients.presigner(config)));
  }

  public UploadHandler(JobStore store, S3Presigner presigner) {
    this(store, () -> presigner);
  }

  UploadHandler(JobStore store, Supplier<S3Presigner> presigner) {
    this.store = store;
    this.presigner = presigner;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    JsonLog log = JsonLog.start(context, "upload");
    store.expectOwnerOf(context);
    try {
      String mode = queryParameter(request, "mode");
      if (mode == null) {
        return storeBody(request, log);
      }
      if (mode.equals("presign")) {
        return presign(request, log);
      }
      log.warn("unknown upload mode", "status", 400);
      return ApiResponses.error(400, "unknown mode; use mode=presign or no mode", log.requestId());
    } catch (RuntimeException e) {
      log.error("upload failed", e, "status", 500);
      return ApiResponses.error(500, "internal error", log.requestId());
    }
  }

  private APIGatewayProxyResponseEvent storeBody(APIGatewayProxyRequestEvent request, JsonLog log) {
    UploadBody.Result body = UploadBody.read(request, store.config().maxUploadBytes());
    if (!body.isOk()) {
      log.warn("upload rejected", "status", body.statusCode(), "reason", body.error());
      return ApiResponses.error(body.statusCode(), body.error(), log.requestId());
    }
    String jobId = JobIds.newJobId();
    log.jobId(jobId);
    // Status first: the processor may run as soon as the file lands, and must not be overwritten by it.
    store.putStatus(JobStatus.of(jobId, JobState.RECEIVED));
    store.putIncoming(jobId, body.csv());
    log.info("upload stored", "status", 202, "bytes", body.csv().length);
    Map<String, Object> response = links(request, jobId);
    response.put("status", JobState.RECEIVED);
    return ApiResponses.json(202, response);
  }

  private APIGatewayProxyResponseEvent presign(APIGatewayProxyRequestEvent request, JsonLog log) {
    long maxBytes = store.config().maxPresignedUploadBytes();
    OptionalLong size = declaredSize(queryParameter(request, "size"));
    if (size.isEmpty()) {
      log.warn("presign without a valid size", "status", 400);
      return ApiResponses.error(400, "size must be the file's length in bytes (a positive integer)", log.requestId());
    }
    if (size.getAsLong() > maxBytes) {
      log.warn("presign refused: file too large", "status", 413, "size", size.getAsLong());
      return ApiResponses.error(413, "file is larger than " + maxBytes + " bytes", log.requestId());
    }
    String jobId = JobIds.newJobId();
    log.jobId(jobId);
    store.putStatus(JobStatus.of(jobId, JobState.AWAITING_UPLOAD));
    PresignedPutObjectRequest presigned =
        presigner.get().presignPutObject(
            p -> p.signatureDuration(store.config().presignTtl())
                .putObjectRequest(o -> o.bucket(store.config().bucket()).key(store.config().incomingKey(jobId))
                    .contentLength(size.getAsLong())));
    Instant expiresAt = presigned.expiration();
    log.info("upload URL issued", "status", 201, "expiresAt", expiresAt.toString(), "size", size.getAsLong());
    Map<String, Object> response = links(request, jobId);
    response.put("status", JobState.AWAITING_UPLOAD);
    response.put("uploadUrl", presigned.url().toString());
    response.put("uploadMethod", "PUT");
    response.put("uploadBytes", size.getAsLong());
    response.put("expiresAt", expiresAt.toString());
    return ApiResponses.json(201, response);
  }

  /** The size query parameter as a positive number of bytes, or empty when it is missing or not one. */
  static OptionalLong declaredSize(String text) {
    if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    long size = Long.parseLong(text);
    return size > 0 ? OptionalLong.of(size) : OptionalLong.empty();
  }

  private static Map<String, Object> links(APIGatewayProxyRequestEvent request, String jobId) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jobId", jobId);
    response.put("statusUrl", ApiPaths.statusPath(request, jobId));
    response.put("resultsUrl", ApiPaths.resultsPath(request, jobId));
    return response;
  }

  private static String queryParameter(APIGatewayProxyRequestEvent request, String name) {
    Map<String, String> query = request.getQueryStringParameters();
    return query == null ? null : query.get(name);
  }
}
