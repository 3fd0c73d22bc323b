package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#5 AwxNormalizer: host summaries, job kinds and launching users")
class AwxNormalizerTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    @DisplayName("#5 hosts are ok or failed by AWX's own failed flag (failures or unreachable)")
    void hostCounts() {
        JsonObject hosts = json("""
                {"web-01.acme.internal":{"failed":false,"changed":3,"dark":0,"failures":0,"ok":12,\
                "processed":1,"skipped":2,"rescued":0,"ignored":0},
                 "web-02.acme.internal":{"failed":true,"changed":1,"dark":0,"failures":1,"ok":7,\
                 "processed":1,"skipped":0,"rescued":0,"ignored":0},
                 "db-01.acme.internal":{"failed":true,"changed":0,"dark":1,"failures":0,"ok":0,\
                 "processed":1,"skipped":0,"rescued":0,"ignored":0},
                 "cache-01.acme.internal":{"failed":false,"changed":0,"dark":0,"failures":0,"ok":5,\
                 "processed":1,"skipped":0,"rescued":1,"ignored":1}}
                """);

        AwxNormalizer.HostCounts counts = AwxNormalizer.HostCounts.of(hosts);

        assertEquals(new AwxNormalizer.HostCounts(2, 2), counts);
    }

    @Test
    @DisplayName("#5 without a failed flag, failures or unreachable (dark) make a host failed")
    void hostCountsWithoutFlag() {
        AwxNormalizer.HostCounts counts = AwxNormalizer.HostCounts.of(json("""
                {"a":{"failures":2,"dark":0,"ok":1},"b":{"failures":0,"dark":1,"ok":0},"c":{"failures":0,"dark":0,"ok":4}}
                """));

        assertEquals(new AwxNormalizer.HostCounts(1, 2), counts);
    }

    @Test
    @DisplayName("#5 the start notification's empty hosts map is 'not known yet', not zero hosts")
    void emptyHostsIsUnknown() {
        assertNull(AwxNormalizer.HostCounts.of(json("{}")));
        assertNull(AwxNormalizer.HostCounts.of(null));
    }

    @Test
    @DisplayName("#5 the job kind is read from old and new AWX UI links")
    void jobTypes() {
        assertEquals("playbook", AwxNormalizer.jobTypeOf("https://awx.acme.example/#/jobs/playbook/4521"));
        assertEquals("project", AwxNormalizer.jobTypeOf("https://awx.acme.example/#/jobs/project/4519"));
        assertEquals("workflow", AwxNormalizer.jobTypeOf("https://aap.acme.example/execution/jobs/workflow/88/output"));
        assertNull(AwxNormalizer.jobTypeOf("https://awx.acme.example/#/templates"));
        assertNull(AwxNormalizer.jobTypeOf(null));
    }

    @Test
    @DisplayName("#5 scheduled jobs have created_by \"None\": no launching user")
    void launchedBy() {
        assertEquals("alice", AwxNormalizer.launchedBy("alice"));
        assertNull(AwxNormalizer.launchedBy("None"));
        assertNull(AwxNormalizer.launchedBy(""));
        assertNull(AwxNormalizer.launchedBy(null));
    }
}
