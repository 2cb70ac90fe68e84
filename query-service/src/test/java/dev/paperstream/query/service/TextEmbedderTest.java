package dev.paperstream.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import ai.djl.util.Ec2Utils;
import dev.paperstream.query.rest.TestVectors;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The in-process model: real vectors, and not one connection to anything but loopback. A Quarkus test like the
 * others, so that the model's native libraries load in the one class loader that the application's tests use.
 */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class TextEmbedderTest {

    @Test
    void embedsTextsSoThatADescriptionIsNearerItsTopicThanAnUnrelatedOne() {
        TextEmbedder embedder = new TextEmbedder(1, 2);

        List<float[]> vectors = embedder.embedAll(List.of(
                "teaching a small network to mimic the outputs of a large one",
                "Knowledge distillation: compressing a teacher model into a student model",
                "Protein structure prediction from amino acid sequences"));

        assertThat(vectors).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(TextEmbedder.DIMENSIONS));
        assertThat(TestVectors.cosine(vectors.get(0), vectors.get(1)))
                .isGreaterThan(TestVectors.cosine(vectors.get(0), vectors.get(2)) + 0.1);
        assertThat(embedder.embedQuery("teaching a small network to mimic the outputs of a large one"))
                .containsExactly(vectors.get(0), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(embedder.modelId()).isEqualTo("all-minilm-l6-v2-q@1");
    }

    /**
     * DJL, the tokenizer's library, calls 169.254.169.254 and a telemetry URL over {@code HttpURLConnection} unless
     * told not to. Every such connection asks the default {@link ProxySelector} first, so a recording selector that
     * routes everything to a closed loopback port sees each attempt and lets none leave the machine.
     */
    @Test
    void loadingAndUsingTheModelContactsNothingButLoopback() throws Exception {
        List<URI> attempted = new CopyOnWriteArrayList<>();
        ProxySelector original = ProxySelector.getDefault();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int deadPort = closed.getLocalPort();
            closed.close(); // nothing listens there now: an attempted connection fails on this machine
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    attempted.add(uri);
                    return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            deadPort)));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress address, IOException e) {
                }
            });

            // The detector works: a request to the metadata address is seen (and goes to the dead loopback port).
            try {
                ((java.net.HttpURLConnection) new URL("http://169.254.169.254/latest/meta-data/").openConnection())
                        .getResponseCode();
            } catch (IOException expected) {
                // refused by the closed loopback port
            }
            assertThat(attempted).extracting(URI::getHost).containsExactly("169.254.169.254");
            attempted.clear();

            TextEmbedder embedder = new TextEmbedder(1, 1);
            embedder.embedAll(List.of("a paper about sparse experts"));
            embedder.embedQuery("mixture of experts routing");
            Ec2Utils.callHome("OnnxRuntime"); // what DJL runs when it creates an engine or tokenizer

            assertThat(attempted).allSatisfy(uri -> assertThat(InetAddress.getByName(uri.getHost()).isLoopbackAddress())
                    .as("connection to %s", uri).isTrue());
            assertThat(attempted).isEmpty();
        } finally {
            ProxySelector.setDefault(original);
        }
    }
}
