package io.opssight.audit.rest;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import jakarta.json.stream.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an audit export, page by page so memory stays flat: CSV or a JSON array. Shared by the
 * API ({@code GET /api/v1/audit/export}) and the console's download, so both files look the same.
 */
public final class AuditExport {

    public static final int PAGE = 1000;

    private AuditExport() {
    }

    /** The first page, read before any byte is written so a missing permission is refused cleanly. */
    public static List<AuditEntry> firstPage(AuditTrail trail, AuditTrail.Filter filter) {
        return trail.exportPage(filter, 0, PAGE);
    }

    public static void write(AuditTrail trail, AuditTrail.Filter filter, boolean csv, List<AuditEntry> first, OutputStream out)
            throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        if (csv) {
            writer.write("seq,at,actor,action,target,outcome,client_address,request_id,details,hash\n");
            for (List<AuditEntry> page = first; !page.isEmpty(); page = next(trail, filter, page)) {
                for (AuditEntry e : page) {
                    writer.write(e.getSeq() + "," + e.getAt() + "," + csv(e.getActor()) + "," + csv(e.getAction()) + ","
                            + csv(e.getTarget()) + "," + csv(e.getOutcome()) + "," + csv(e.getClientAddress()) + ","
                            + csv(e.getRequestId()) + "," + csv(e.getDetails()) + "," + e.getHash() + "\n");
                }
                writer.flush();
            }
            writer.flush();
            return;
        }
        JsonGenerator json = JSON.createGenerator(writer);
        json.writeStartArray();
        for (List<AuditEntry> page = first; !page.isEmpty(); page = next(trail, filter, page)) {
            for (AuditEntry e : page) {
                json.writeStartObject().write("seq", e.getSeq()).write("at", e.getAt().toString())
                        .write("actor", e.getActor()).write("action", e.getAction());
                writeNullable(json, "target", e.getTarget());
                json.write("outcome", e.getOutcome());
                writeNullable(json, "clientAddress", e.getClientAddress());
                writeNullable(json, "requestId", e.getRequestId());
                writeNullable(json, "details", e.getDetails());
                json.write("hash", e.getHash()).writeEnd();
            }
            json.flush();
        }
        json.writeEnd();
        json.close();
    }

    private static List<AuditEntry> next(AuditTrail trail, AuditTrail.Filter filter, List<AuditEntry> page) {
        return page.size() < PAGE ? List.of() : trail.exportPage(filter, page.get(page.size() - 1).getSeq(), PAGE);
    }

    private static void writeNullable(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
