package io.opssight.ingestion.console;

import io.opssight.ingestion.boundary.SourceActivity;
import io.opssight.ingestion.boundary.Sources;
import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.console.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Admin / Sources: the list with what each source has sent, connecting a new one, rotating its
 * secret and disabling it. The secret (and the URL to paste) is shown once, in this view, right
 * after it was made; a reload or another action forgets it.
 */
@Named
@ViewScoped
public class SourcesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The form fields a refused registration's message stands next to, by the input the boundary names. */
    private static final Map<String, String> FIELDS = Map.of("name", "create:name", "secret", "create:secret");
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    Sources sources;

    private List<SourceRow> rows = List.of();
    private String kind = "github";
    private String name;
    private String secret;

    /** Shown once, right after a create or rotate. */
    private String revealedName;
    private String revealedKind;
    private String revealedUrl;
    private String revealedSecret;
    private String revealedHowTo;

    @PostConstruct
    void load() {
        Map<Long, SourceActivity> activity = sources.activity();
        rows = sources.list().stream().filter(s -> s.getKind().isWebhook())
                .map(s -> new SourceRow(s, activity.get(s.getId()), webhookUrl(s))).toList();
    }

    public void create() {
        forget();
        String chosen = Pages.blankToNull(secret) == null ? newSecret() : secret.trim();
        try {
            Source source = sources.register(kind, name == null ? "" : name.trim(), chosen);
            reveal(source, chosen);
            Pages.info(null, "Source " + source.getKind().wireName() + "/" + source.getName()
                    + " created. Copy its URL and secret now: the secret is not shown again.");
            name = null;
            secret = null;
            load();
        } catch (RuntimeException e) {
            Pages.refused(e, FIELDS, null);
        }
    }

    public void rotate(long id) {
        forget();
        try {
            String rotated = sources.rotateSecret(id, null);
            Source source = sources.find(id);
            reveal(source, rotated);
            Pages.info(null, "Secret of " + source.getKind().wireName() + "/" + source.getName()
                    + " rotated: deliveries signed with the old secret are refused from now on. Copy the new one now.");
            load();
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    public void setEnabled(long id, boolean enabled) {
        forget();
        try {
            Source source = sources.setEnabled(id, enabled);
            Pages.info(null, "Source " + source.getKind().wireName() + "/" + source.getName() + (enabled
                    ? " enabled." : " disabled: its deliveries are refused until you enable it again."));
            load();
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    private void reveal(Source source, String clearSecret) {
        revealedName = source.getName();
        revealedKind = source.getKind().wireName();
        revealedUrl = webhookUrl(source);
        revealedSecret = clearSecret;
        revealedHowTo = sources.howTo(source.getKind());
    }

    private void forget() {
        revealedName = null;
        revealedKind = null;
        revealedUrl = null;
        revealedSecret = null;
        revealedHowTo = null;
    }

    /** Absolute: the configured public base URL (behind a proxy), else this request's scheme, host and port. */
    private String webhookUrl(Source source) {
        String base = ConfigProvider.getConfig().getOptionalValue("opssight.console.public-base-url", String.class)
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("/+$", ""))
                .orElseGet(() -> {
                    HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                            .getRequest();
                    String scheme = request.getScheme();
                    int port = request.getServerPort();
                    boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
                    return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
                });
        return base + "/api/v1/ingest/" + source.getKind().wireName() + "/" + source.getName();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public List<String> getKinds() {
        return Arrays.stream(SourceKind.values()).filter(SourceKind::isWebhook).map(SourceKind::wireName).toList();
    }

    public List<SourceRow> getRows() {
        return rows;
    }

    public String getHowTo() {
        return revealedHowTo == null ? "" : revealedHowTo;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getRevealedName() {
        return revealedName;
    }

    public String getRevealedKind() {
        return revealedKind;
    }

    public String getRevealedUrl() {
        return revealedUrl;
    }

    public String getRevealedSecret() {
        return revealedSecret;
    }
}
