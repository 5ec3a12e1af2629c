package io.corral.protocol;

/**
 * The xids with a fixed meaning. Normal requests use positive xids that the server echoes without checking;
 * no other negative value is special.
 */
public final class Xid {
    /** Server-sent watch events, which answer no request. */
    public static final int NOTIFICATION = -1;
    public static final int PING = -2;
    public static final int AUTH = -4;
    public static final int SET_WATCHES = -8;

    private Xid() {
    }
}
