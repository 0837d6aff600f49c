package dev.weir.trust.spiffe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Just enough MQTT 3.1.1 over a TLS socket to test a broker's authentication and ACLs: CONNECT,
 * SUBSCRIBE (QoS 0), PUBLISH (QoS 1, waits for PUBACK), and reading PUBLISH packets. Written for
 * the tests; the messaging module has the real client.
 */
final class MqttProbe implements AutoCloseable {
    final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int packetId = 1;

    private MqttProbe(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects over TLS and sends CONNECT; returns the CONNACK return code (0: accepted). */
    static MqttProbe connect(SSLContext tls, int port, String clientId) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, "127.0.0.1", port, true);
        s.setSoTimeout(5000);
        s.startHandshake();
        MqttProbe p = new MqttProbe(s);
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, "MQTT");
        v.write(4);            // protocol level 3.1.1
        v.write(0x02);         // clean session, no user name: the broker takes it from the certificate
        v.write(0);
        v.write(30);           // keep alive 30 s
        string(v, clientId);
        p.send(0x10, v.toByteArray());
        int[] header = p.readHeader();
        byte[] body = p.readBody(header[1]);
        if (header[0] != 0x20 || body.length != 2) {
            throw new IOException("expected CONNACK, got packet type " + Integer.toHexString(header[0]));
        }
        if (body[1] != 0) {
            throw new IOException("CONNACK refused the connection: return code " + body[1]);
        }
        return p;
    }

    void subscribe(String filter) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        int id = packetId++;
        v.write(id >> 8);
        v.write(id);
        string(v, filter);
        v.write(0);
        send(0x82, v.toByteArray());
        int[] h = readHeader();
        byte[] body = readBody(h[1]);
        if (h[0] != 0x90 || (body[2] & 0xff) == 0x80) {
            throw new IOException("subscription to " + filter + " refused");
        }
    }

    /** Publishes with QoS 1 and waits for the PUBACK (which MQTT 3.1.1 sends even when an ACL drops the message). */
    void publish(String topic, String payload) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, topic);
        int id = packetId++;
        v.write(id >> 8);
        v.write(id);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        v.write(p, 0, p.length);
        send(0x32, v.toByteArray());
        int[] h = readHeader();
        readBody(h[1]);
        if (h[0] != 0x40) {
            throw new IOException("expected PUBACK, got packet type " + Integer.toHexString(h[0]));
        }
    }

    /** The next PUBLISH received, as "topic payload". */
    String receive() throws IOException {
        while (true) {
            int[] h = readHeader();
            byte[] body = readBody(h[1]);
            if ((h[0] & 0xf0) != 0x30) {
                continue;
            }
            int topicLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
            String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
            int payloadStart = 2 + topicLength + (((h[0] >> 1) & 3) > 0 ? 2 : 0);
            return topic + " " + new String(body, payloadStart, body.length - payloadStart, StandardCharsets.UTF_8);
        }
    }

    private void send(int type, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(type);
        int n = body.length;
        do {
            int b = n & 0x7f;
            n >>>= 7;
            p.write(n > 0 ? b | 0x80 : b);
        } while (n > 0);
        p.write(body, 0, body.length);
        out.write(p.toByteArray());
        out.flush();
    }

    private int[] readHeader() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the broker closed the connection");
        }
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            length |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return new int[] {type, length};
    }

    private byte[] readBody(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void string(ByteArrayOutputStream v, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        v.write(b.length >> 8);
        v.write(b.length);
        v.write(b, 0, b.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
