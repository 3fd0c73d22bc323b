package io.opssight.platform.rest;

import io.opssight.platform.entity.TextControls;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import jakarta.ws.rs.core.Response;

/**
 * The container's own errors, answered by the one error policy ({@link ProblemMapper}). Two ways in:
 * <ul>
 * <li>the error pages of {@code web.xml}: whatever the container answers with an error status itself
 * ({@code sendError} from its default servlet, its security checks, our filters' refusals, an exception
 * no one caught) is forwarded here and becomes problem+json instead of Payara's HTML page;</li>
 * <li>{@code /errors/refused-uri/<reason>}: where {@code ContainerUriGuard} sends a request whose target
 * the HTTP layer cannot take ({@link RequestTargets}); always 400.</li>
 * </ul>
 * Anything else here is 404.
 */
@WebServlet(name = "ContainerErrors", urlPatterns = "/errors/*")
public class ContainerErrors extends HttpServlet {

    private static final int MAX_CONTAINER_MESSAGE = 300;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemMapper.Answer answer;
        if (status instanceof Integer code) {
            answer = errorPage(request, code);
        } else {
            answer = refusedTarget(request);
        }
        answer.writeTo(response);
    }

    private static ProblemMapper.Answer errorPage(HttpServletRequest request, int status) {
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (thrown instanceof Throwable failure && status >= 500) {
            return ProblemMapper.answer(failure, path);
        }
        return ProblemMapper.answer(new WebApplicationException(detail(request, status), status), path);
    }

    /** The container's message when it is one a client can read; else the status's own words. */
    private static String detail(HttpServletRequest request, int status) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (message instanceof String text && !text.isBlank() && text.length() <= MAX_CONTAINER_MESSAGE
                && text.chars().noneMatch(c -> c == '<' || c == '>') && !TextControls.any(text, TextControls.Refused.ALL)) {
            return text;
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        return "HTTP " + status + (info == null ? "" : " " + info.getReasonPhrase());
    }

    private static ProblemMapper.Answer refusedTarget(HttpServletRequest request) {
        String info = request.getPathInfo();
        String prefix = ContainerUriGuard.REFUSED_PATH.substring("/errors".length());
        if (info != null && info.startsWith(prefix)) {
            var refusal = RequestTargets.Refusal.ofSlug(info.substring(prefix.length()));
            if (refusal.isPresent()) {
                return ProblemMapper.answer(new ValidationProblem(refusal.get().detail()), null);
            }
        }
        return ProblemMapper.answer(new NotFoundProblem("No such resource."), request.getRequestURI());
    }
}
