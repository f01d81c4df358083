package org.aicity.platform.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a taken HTTP port into a short "what to do" instead of a stack trace. */
class HttpPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<HttpPortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, HttpPortInUseException cause) {
        return new FailureAnalysis(
            "The platform's HTTP port " + cause.port() + " is already in use (another copy of the platform may be running).",
            "Stop whatever listens on port " + cause.port() + ", or choose another port: set the environment variable "
                + "SERVER_PORT (property server.port), e.g. SERVER_PORT=8090, or --server.port=8090 on the command line; "
                + "0 picks a free port.",
            cause);
    }
}
