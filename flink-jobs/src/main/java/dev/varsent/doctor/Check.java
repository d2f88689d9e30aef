package dev.varsent.doctor;

/** The outcome of one environment check: what was found, and what to do when it is not OK. */
public record Check(Status status, String name, String detail, String hint) {

    public enum Status {
        OK,
        WARN,
        FAIL
    }

    static Check ok(String name, String detail) {
        return new Check(Status.OK, name, detail, "");
    }

    static Check warn(String name, String detail, String hint) {
        return new Check(Status.WARN, name, detail, hint);
    }

    static Check fail(String name, String detail, String hint) {
        return new Check(Status.FAIL, name, detail, hint);
    }
}
