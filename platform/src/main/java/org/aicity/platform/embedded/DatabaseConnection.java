package org.aicity.platform.embedded;

/** How the stream job of this JVM reaches the database the API reads. */
record DatabaseConnection(String url, String username, String password) {
    @Override
    public String toString() {
        return "DatabaseConnection[" + url + " as " + username + "]";
    }
}
