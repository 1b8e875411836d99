/**
 * {@code filemill schedule}: a run at every fire time of a cron expression, with a misfire policy
 * for fire times missed while down.
 */
package io.filemill.app.schedule;
