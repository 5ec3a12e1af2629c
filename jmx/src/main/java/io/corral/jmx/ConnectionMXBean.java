package io.corral.jmx;

/**
 * One bean per client connection with a session ({@code ...,name1=Connections,name2=<ip>,name3=0x<session>}),
 * with ZooKeeper's ConnectionMXBean names. terminateSession ends the session (its ephemerals go);
 * terminateConnection drops the connection and leaves the session to reconnect or expire.
 */
public interface ConnectionMXBean {
    String getSourceIP();

    String getSessionId();

    String getStartedTime();

    String[] getEphemeralNodes();

    long getPacketsReceived();

    long getPacketsSent();

    long getOutstandingRequests();

    int getSessionTimeout();

    void terminateSession();

    void terminateConnection();

    long getMinLatency();

    long getAvgLatency();

    long getMaxLatency();

    String getLastOperation();

    String getLastCxid();

    String getLastZxid();

    String getLastResponseTime();

    long getLastLatency();

    void resetCounters();
}
