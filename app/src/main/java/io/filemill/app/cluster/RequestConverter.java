package io.filemill.app.cluster;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.jms.support.converter.MessageConversionException;
import org.springframework.jms.support.converter.MessageConverter;

/**
 * A partition request on the wire: a text message of three lines (a version, the worker step's name,
 * the step execution's id), so that no node deserializes Java objects from the broker.
 */
final class RequestConverter implements MessageConverter {

    static final String VERSION = "filemill-partition-request 1";

    @Override
    public Message toMessage(Object object, Session session) throws JMSException {
        if (!(object instanceof StepExecutionRequest request)) {
            throw new MessageConversionException("not a partition request: " + object);
        }
        return session.createTextMessage(VERSION + "\n" + request.getStepName() + "\n" + request.getStepExecutionId());
    }

    @Override
    public StepExecutionRequest fromMessage(Message message) throws JMSException {
        if (!(message instanceof TextMessage text) || text.getText() == null) {
            throw new MessageConversionException("not a partition request: " + message);
        }
        String[] lines = text.getText().split("\n", -1);
        if (lines.length != 3 || !lines[0].equals(VERSION) || lines[1].isBlank()) {
            throw new MessageConversionException("not a partition request: '" + text.getText() + "'");
        }
        try {
            return new StepExecutionRequest(lines[1], Long.parseLong(lines[2]));
        } catch (NumberFormatException e) {
            throw new MessageConversionException("not a partition request: '" + text.getText() + "'", e);
        }
    }
}
