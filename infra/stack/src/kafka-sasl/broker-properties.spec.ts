import { brokerProperties } from '../kafka';
import { stackCluster } from '../kafka-layout';
import { loadSettings } from '../settings';

const property = (text: string, key: string) => new RegExp(`^${key.replace(/\./g, '\\.')}=(.*)$`, 'm').exec(text)?.[1];

describe('broker properties with EVENTLINE_KAFKA_SECURITY', () => {
  it('adds a SASL_SSL listener per node, SCRAM-SHA-512, a PEM keystore and the StandardAuthorizer with ANONYMOUS a super user', () => {
    const cluster = stackCluster(loadSettings({ EVENTLINE_KAFKA_SECURITY: 'sasl_ssl', EVENTLINE_KAFKA_NODES: '3', EVENTLINE_KAFKA_SASL_PORT: '19098' }));
    expect(cluster.nodes.map((node) => node.saslPort)).toEqual([19098, 19100, 19102]);
    const text = brokerProperties(cluster, cluster.nodes[1]);
    expect(property(text, 'listeners')).toBe('PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095,SASL_SSL://127.0.0.1:19100');
    expect(property(text, 'advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9094,SASL_SSL://127.0.0.1:19100');
    expect(property(text, 'listener.security.protocol.map')).toBe('PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL');
    expect(property(text, 'sasl.enabled.mechanisms')).toBe('SCRAM-SHA-512');
    expect(property(text, 'ssl.keystore.type')).toBe('PEM');
    expect(property(text, 'ssl.keystore.location')).toBe(cluster.saslSsl!.keystore);
    expect(property(text, 'authorizer.class.name')).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(property(text, 'super.users')).toBe('User:ANONYMOUS;User:eventline-admin');
    expect(property(text, 'allow.everyone.if.no.acl.found')).toBe('false');
  });

  it('leaves plaintext as it was: no listener, no authorizer', () => {
    const cluster = stackCluster(loadSettings({}));
    const text = brokerProperties(cluster, cluster.nodes[0]);
    expect(property(text, 'listeners')).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(text).not.toMatch(/SASL|authorizer|super\.users/);
  });

  it('refuses an unknown mode and a SASL port that collides with a node port', () => {
    expect(() => loadSettings({ EVENTLINE_KAFKA_SECURITY: 'ssl' })).toThrow('EVENTLINE_KAFKA_SECURITY must be one of plaintext, sasl_ssl, got "ssl"');
    expect(() => stackCluster(loadSettings({ EVENTLINE_KAFKA_SECURITY: 'sasl_ssl', EVENTLINE_KAFKA_SASL_PORT: '9093' }))).toThrow(/port 9093 would be used twice/);
  });
});
