package org.aicity.platform.web;

/** A path names a city, sensor or other resource that does not exist: answered with 404. */
public class ResourceNotFoundException extends RuntimeException {

    private final String resource;
    private final String id;

    public ResourceNotFoundException(String resource, String id, String detail) {
        super(detail);
        this.resource = resource;
        this.id = id;
    }

    public String resource() {
        return resource;
    }

    public String id() {
        return id;
    }
}
