package io.tokenjoule.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.tokenjoule.config.ProxySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real client libraries through the proxy, streaming and not: the official OpenAI Java SDK and
 * LangChain4j's Ollama client. Each gets the answer it would get from the server directly, and the
 * proxy's token counts per tenant equal the server's.
 */
class ProxyRealClientsIT {

  private static final String PROMPT = "say three little words";
  private final ProxyFixture fixture =
      new ProxyFixture(
          s ->
              new ProxySettings(
                  s.upstream(),
                  Optional.of("X-Tenant"),
                  s.tenantMap(),
                  s.maxTenants(),
                  s.maxModels(),
                  s.maxRequestBytes(),
                  s.upstreamTimeout(),
                  s.connectTimeout(),
                  s.maxConnections()));

  @AfterEach
  void close() {
    fixture.close();
  }

  private OpenAIClient openAi(String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(fixture.proxyUrl("/v1"))
        .apiKey(key)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static ChatCompletionCreateParams.Builder params(long maxTokens) {
    return ChatCompletionCreateParams.builder()
        .model("test-model")
        .addUserMessage(PROMPT)
        .maxCompletionTokens(maxTokens);
  }

  @Test
  void theOpenAiSdkGetsItsAnswerAndItsTokensAreCounted() {
    OpenAIClient client = openAi("sk-openai-tenant");
    ChatCompletion completion = client.chat().completions().create(params(5).build());

    assertEquals(
        " tok1 tok2 tok3 tok4 tok5", completion.choices().get(0).message().content().get());
    CompletionUsage usage = completion.usage().orElseThrow();
    assertEquals(4, usage.promptTokens());
    String tenant = ApiKeyHash.label("sk-openai-tenant");
    fixture.awaitRecordsQuietly(1);
    assertEquals(4, fixture.tokens(tenant, "test-model", "prompt", false));
    assertEquals(5, fixture.tokens(tenant, "test-model", "generated", false));
  }

  @Test
  void theOpenAiSdkStreamsWithoutAUsageChunkUnlessItAsks() {
    OpenAIClient client = openAi("sk-openai-tenant");
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params(6).build())) {
      stream.stream().forEach(chunks::add);
    }
    StringBuilder text = new StringBuilder();
    chunks.forEach(
        c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
    assertEquals(" tok1 tok2 tok3 tok4 tok5 tok6", text.toString());
    assertTrue(chunks.stream().allMatch(c -> c.usage().isEmpty()), "no usage chunk: not asked");

    List<ChatCompletionChunk> asked = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                params(2)
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(asked::add);
    }
    assertEquals(
        2, asked.get(asked.size() - 1).usage().orElseThrow().completionTokens(), "asked: usage");

    fixture.awaitRecordsQuietly(2);
    String tenant = ApiKeyHash.label("sk-openai-tenant");
    assertEquals(8, fixture.tokens(tenant, "test-model", "generated", false));
    assertEquals(8, fixture.tokens(tenant, "test-model", "prompt", false));
  }

  @Test
  void langChain4jsOllamaClientChatsThroughTheProxy() {
    OllamaChatModel model =
        OllamaChatModel.builder()
            .baseUrl(fixture.proxyUrl(""))
            .modelName("llama3.2:1b")
            .numPredict(6)
            .customHeaders(Map.of("X-Tenant", "team-chat"))
            .timeout(Duration.ofSeconds(20))
            .build();
    ChatResponse response = model.chat(UserMessage.from(PROMPT));

    assertEquals(" tok1 tok2 tok3 tok4 tok5 tok6", response.aiMessage().text());
    assertEquals(4, response.tokenUsage().inputTokenCount());
    assertEquals(6, response.tokenUsage().outputTokenCount());
    fixture.awaitRecordsQuietly(1);
    assertEquals(4, fixture.tokens("team-chat", "llama3.2:1b", "prompt", false));
    assertEquals(6, fixture.tokens("team-chat", "llama3.2:1b", "generated", false));
  }

  @Test
  void langChain4jsOllamaClientStreamsThroughTheProxy() throws Exception {
    OllamaStreamingChatModel model =
        OllamaStreamingChatModel.builder()
            .baseUrl(fixture.proxyUrl(""))
            .modelName("llama3.2:1b")
            .numPredict(5)
            .customHeaders(Map.of("X-Tenant", "team-stream"))
            .timeout(Duration.ofSeconds(20))
            .build();
    StringBuilder partial = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        PROMPT,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String text) {
            partial.append(text);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    ChatResponse response = done.get(20, TimeUnit.SECONDS);

    assertEquals(" tok1 tok2 tok3 tok4 tok5", partial.toString());
    assertEquals(5, response.tokenUsage().outputTokenCount());
    fixture.awaitRecordsQuietly(1);
    assertEquals(4, fixture.tokens("team-stream", "llama3.2:1b", "prompt", false));
    assertEquals(5, fixture.tokens("team-stream", "llama3.2:1b", "generated", false));
    assertEquals(1, fixture.requests("team-stream", "llama3.2:1b", RequestOutcome.OK));
  }
}
