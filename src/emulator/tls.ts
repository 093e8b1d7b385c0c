// A throwaway CA and leaf certificate per emulator start. The bearer-token policy of the Azure
// SDKs refuses plain http, so the emulator must speak TLS that clients can be told to trust.
import { generateKeyPair, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import forge from "node-forge";

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const generateKeyPairAsync = promisify(generateKeyPair);

async function newKeyPair(): Promise<{
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  keyPem: string;
}> {
  // node's native keygen is far faster than forge's pure-JS one, and async keygen runs on the
  // libuv pool, so the CA and leaf keys are made in parallel
  const { privateKey, publicKey } = await generateKeyPairAsync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    keyPem: privateKey,
  };
}

function serial(): string {
  // positive serial: clear the top bit
  const bytes = randomBytes(16);
  bytes.writeUInt8(bytes.readUInt8(0) & 0x7f, 0);
  return bytes.toString("hex");
}

export async function generateTlsMaterial(now: Date = new Date()): Promise<TlsMaterial> {
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000);

  const [ca, leaf] = await Promise.all([newKeyPair(), newKeyPair()]);
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serial();
  caCert.validity.notBefore = notBefore;
  caCert.validity.notAfter = notAfter;
  const caSubject = [
    { name: "commonName", value: "azaudit emulator CA" },
    { name: "organizationName", value: "azaudit" },
  ];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const leafCert = forge.pki.createCertificate();
  leafCert.publicKey = leaf.publicKey;
  leafCert.serialNumber = serial();
  leafCert.validity.notBefore = notBefore;
  leafCert.validity.notAfter = notAfter;
  leafCert.setSubject([{ name: "commonName", value: "localhost" }]);
  leafCert.setIssuer(caSubject);
  leafCert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 2, value: "localhost" },
        { type: 7, ip: "127.0.0.1" },
      ],
    },
  ]);
  leafCert.sign(ca.privateKey, forge.md.sha256.create());

  const caPem = forge.pki.certificateToPem(caCert);
  return { caPem, certPem: forge.pki.certificateToPem(leafCert) + caPem, keyPem: leaf.keyPem };
}
