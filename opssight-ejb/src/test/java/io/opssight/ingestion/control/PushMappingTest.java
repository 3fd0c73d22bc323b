package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.PushRequestsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.change.control.CommitFacts;
import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.incident.control.IncidentFacts;
import io.opssight.incident.entity.IncidentStatus;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 PushMapping: canonical pushes as the recorders' facts")
class PushMappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    @DisplayName("#3 a finished deployment with a start time is recorded in progress at the start, then finished")
    void finishedDeploymentRecordsItsStart() {
        JsonObject push = json("{'origin':'push:bot','externalId':'rel-2.4.1','service':'checkout','environment':'production',"
                + "'repository':'acme/checkout','status':'success','createdAt':'2026-03-02T11:00:00Z',"
                + "'startedAt':'2026-03-02T11:01:00Z','finishedAt':'2026-03-02T11:07:30Z','version':'2.4.1'}");

        List<DeploymentFacts> facts = PushMapping.deployment(push, RECEIVED);

        assertEquals(2, facts.size());
        assertEquals(DeploymentStatus.IN_PROGRESS, facts.get(0).status());
        assertEquals(Instant.parse("2026-03-02T11:01:00Z"), facts.get(0).statusAt());
        assertEquals(DeploymentStatus.SUCCESS, facts.get(1).status());
        assertEquals(Instant.parse("2026-03-02T11:07:30Z"), facts.get(1).statusAt());
        assertTrue(facts.get(1).statusSeq() > facts.get(0).statusSeq(), "at equal times, the outcome wins");
        assertEquals("acme/checkout", facts.get(1).repositoryFullName());
        assertEquals("checkout", facts.get(1).repositoryName(), "the service is named directly");
    }

    @Test
    @DisplayName("#3 a deployment without times happened when the push was received")
    void missingTimesAreTheReceiveTime() {
        List<DeploymentFacts> facts = PushMapping.deployment(json("{'origin':'push:bot','externalId':'x','service':'s',"
                + "'environment':'production','status':'failure'}"), RECEIVED);

        assertEquals(1, facts.size());
        assertEquals(RECEIVED, facts.get(0).statusAt());
        assertNull(facts.get(0).createdAt());
    }

    @Test
    @DisplayName("#3 commits become one push, oldest first, ending at the deployed commit")
    void commitsEndAtTheDeployedSha() {
        JsonObject push = json("{'sha':'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327','commits':["
                + "{'sha':'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327','committedAt':'2026-03-02T09:00:00Z','message':'Merge'},"
                + "{'sha':'9fceb02d0ae598e95dc970b74767f19372d61af8','committedAt':'2026-03-02T09:10:00Z'},"
                + "{'sha':'0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c','committedAt':'2026-03-01T16:05:00Z','author':'Mona'}]}");

        List<CommitFacts> commits = PushMapping.commits(push);

        assertEquals(List.of("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", "9fceb02d0ae598e95dc970b74767f19372d61af8",
                "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327"), commits.stream().map(CommitFacts::sha).toList());
        assertEquals("Mona", commits.get(0).author());
    }

    @Test
    @DisplayName("#3 refs name branches; tags name none")
    void branches() {
        assertEquals("main", PushMapping.branch("refs/heads/main"));
        assertEquals("release/2.4", PushMapping.branch("release/2.4"));
        assertNull(PushMapping.branch("refs/tags/v2.4.1"));
        assertNull(PushMapping.branch(null));
    }

    @Test
    @DisplayName("#3 incident times default to the receive time; a cause is passed on by natural key")
    void incidents() {
        IncidentFacts opened = PushMapping.incident(json("{'origin':'push:bot','externalId':'INC-7','title':'5xx',"
                + "'status':'triggered','causedBy':{'deploymentId':41,'origin':'github:acme','externalId':'1873342'}}"), RECEIVED);
        IncidentFacts resolved = PushMapping.incident(json("{'origin':'push:bot','externalId':'INC-8','title':'5xx',"
                + "'status':'resolved','openedAt':'2026-03-02T10:00:00Z','resolvedAt':'2026-03-02T10:40:00Z'}"), RECEIVED);

        assertEquals(RECEIVED, opened.statusAt());
        assertEquals("github:acme", opened.causeOrigin());
        assertEquals("1873342", opened.causeExternalId());
        assertEquals(IncidentStatus.RESOLVED, resolved.status());
        assertEquals(Instant.parse("2026-03-02T10:40:00Z"), resolved.statusAt());
        assertEquals(RECEIVED, PushMapping.resolution(json("{'origin':'o','externalId':'e'}"), RECEIVED).statusAt());
    }

    @Test
    @DisplayName("#3 a run's service is found by repository, its jobs are named within it")
    void runsAndJobs() {
        JsonObject push = json("{'origin':'push:ci','externalId':'4711','pipeline':'build','repository':'acme/checkout',"
                + "'branch':'main','sha':'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327','status':'completed','conclusion':'failure',"
                + "'jobs':[{'name':'unit tests','status':'completed','conclusion':'failure'},{'name':'lint','status':'queued'}]}");

        RunFacts run = PushMapping.run(push, RECEIVED);
        List<JobFacts> jobs = PushMapping.jobs(push, RECEIVED);

        assertEquals("checkout", run.repositoryName());
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals(Conclusion.FAILURE, run.conclusion());
        assertEquals(RECEIVED, run.reportedAt());
        assertEquals("4711/unit tests", jobs.get(0).externalId());
        assertEquals("4711", jobs.get(0).runExternalId());
        assertEquals("main", jobs.get(0).branch());
        assertEquals(RunStatus.QUEUED, jobs.get(1).status());
        assertNull(jobs.get(1).conclusion());
    }
}
