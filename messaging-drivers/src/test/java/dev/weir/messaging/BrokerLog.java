package dev.weir.messaging;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mosquitto started with {@code log_type all} says it did with each message of a stream whose
 * topics carry the message's number ({@code sensors/N/temperature}), per life of the broker (a start
 * to its stop or kill): which life acknowledged it to the publisher and with what reason code, which
 * life sent it to the subscriber, and whether the subscriber acknowledged it. The kill test uses it
 * to tell a message the broker acknowledged and then lost in the crash from one weir lost.
 */
final class BrokerLog {
    private static final Pattern RECEIVED = Pattern.compile("Received PUBLISH from (\\S+) \\(d\\d, q\\d, r\\d, m(\\d+), 'sensors/(\\d+)/");
    private static final Pattern PUBACK_SENT = Pattern.compile("Sending PUBACK to (\\S+) \\(m(\\d+), rc(\\d+)\\)");
    private static final Pattern SENT = Pattern.compile("Sending PUBLISH to (\\S+) \\(d\\d, q\\d, r\\d, m(\\d+), 'sensors/(\\d+)/");
    private static final Pattern PUBACK_RECEIVED = Pattern.compile("Received PUBACK from (\\S+) \\(Mid: (\\d+),");

    /** The life (0 = first start) that acknowledged message N to the publisher, -1 if none. */
    final int[] ackedToPublisherIn;
    /** The reason code of that PUBACK. */
    final int[] reasonCode;
    /** The last life that sent message N to the subscriber, -1 if none. */
    final int[] sentToSubscriberIn;
    /** Whether the subscriber acknowledged message N (in any life). */
    final boolean[] subscriberAcknowledged;
    /** How many times the broker started. */
    final int lives;

    BrokerLog(String log, String publisher, String subscriber, int total) {
        ackedToPublisherIn = new int[total];
        reasonCode = new int[total];
        sentToSubscriberIn = new int[total];
        subscriberAcknowledged = new boolean[total];
        Arrays.fill(ackedToPublisherIn, -1);
        Arrays.fill(sentToSubscriberIn, -1);
        int life = -1;
        Map<Integer, Integer> fromPublisher = new HashMap<Integer, Integer>();
        Map<Integer, Integer> toSubscriber = new HashMap<Integer, Integer>();
        for (String line : log.split("\n")) {
            if (line.endsWith(" running")) {
                life++;
                fromPublisher.clear();
                toSubscriber.clear();
                continue;
            }
            Matcher m = RECEIVED.matcher(line);
            if (m.find() && m.group(1).equals(publisher)) {
                fromPublisher.put(Integer.valueOf(m.group(2)), Integer.valueOf(m.group(3)));
                continue;
            }
            m = PUBACK_SENT.matcher(line);
            if (m.find() && m.group(1).equals(publisher)) {
                Integer n = fromPublisher.get(Integer.valueOf(m.group(2)));
                if (n != null && n < total) {
                    ackedToPublisherIn[n] = life;
                    reasonCode[n] = Integer.parseInt(m.group(3));
                }
                continue;
            }
            m = SENT.matcher(line);
            if (m.find() && m.group(1).equals(subscriber)) {
                int n = Integer.parseInt(m.group(3));
                toSubscriber.put(Integer.valueOf(m.group(2)), n);
                if (n < total) {
                    sentToSubscriberIn[n] = life;
                }
                continue;
            }
            m = PUBACK_RECEIVED.matcher(line);
            if (m.find() && m.group(1).equals(subscriber)) {
                Integer n = toSubscriber.get(Integer.valueOf(m.group(2)));
                if (n != null && n < total) {
                    subscriberAcknowledged[n] = true;
                }
            }
        }
        lives = life + 1;
    }

    /** One line on message N, for a test's output. */
    String describe(int n) {
        return "acknowledged to the publisher by life " + ackedToPublisherIn[n] + " (rc " + reasonCode[n]
                + "), sent to the subscriber by life " + sentToSubscriberIn[n] + ", acknowledged by the subscriber: "
                + subscriberAcknowledged[n];
    }
}
