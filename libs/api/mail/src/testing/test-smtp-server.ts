import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO) that were accepted. */
  to: string[];
  /** The message exactly as transmitted. */
  raw: string;
}

export interface TestSmtpServerOptions {
  /**
   * Reply code for the n-th RCPT TO (counting from 1 over the server's life), e.g. 451 or 550;
   * `undefined` accepts. The reply text echoes the address, as real servers do.
   */
  answerRecipient?: (attempt: number) => number | undefined;
  /** Demand AUTH with these credentials (allowed without TLS, for tests only). */
  credentials?: { user: string; pass: string };
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, with the credentials if the server demands them. */
  url: string;
  received: ReceivedMail[];
  /** Every RCPT TO address in order, accepted or not: one per delivery attempt. */
  recipientAttempts: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a free port, without STARTTLS,
 * that records what it receives. Tests only.
 */
export async function startTestSmtpServer(
  options: TestSmtpServerOptions = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const recipientAttempts: string[] = [];
  const { credentials, answerRecipient } = options;
  const server = new SMTPServer({
    logger: false,
    authOptional: !credentials,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      const valid = auth.username === credentials?.user && auth.password === credentials?.pass;
      callback(valid ? null : smtpError(535, 'Authentication failed'), { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      recipientAttempts.push(address.address);
      const code = answerRecipient?.(recipientAttempts.length);
      callback(code ? smtpError(code, `<${address.address}>: Recipient refused`) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // A client dropping its connection is an 'error' event; without a listener it would crash Jest.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const auth = credentials
    ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`
    : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    recipientAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
