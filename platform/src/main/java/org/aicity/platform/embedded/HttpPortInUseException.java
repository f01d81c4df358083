package org.aicity.platform.embedded;

class HttpPortInUseException extends RuntimeException {

    private final int port;

    HttpPortInUseException(int port) {
        super("HTTP port " + port + " is already in use");
        this.port = port;
    }

    int port() {
        return port;
    }
}
