/**
 * The management extension: JMX MBeans under ZooKeeper's object names, Dropwizard metrics and the Jetty admin endpoint, built only on the api's read-only server view. Filled by the management issue.
 */
package io.corral.jmx;
