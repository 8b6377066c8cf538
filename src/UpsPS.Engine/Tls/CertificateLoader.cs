using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace UpsPS.Engine.Tls
{
    /// <summary>
    /// Loads certificates with their private key (PEM bundle, separate PEM key, PKCS#12, certificate store) and
    /// trust anchors (PEM/DER files, directories of them). Every failure is a <see cref="TlsConfigurationException"/>
    /// that names the file and says what to do.
    /// </summary>
    public static class CertificateLoader
    {
        private delegate X509Certificate2 EncryptedPemLoader(string certPemFilePath, ReadOnlySpan<char> password, string? keyPemFilePath);

        /// <summary>
        /// A certificate with its private key: PKCS#12 (.pfx/.p12, or any non-PEM file) or PEM holding the certificate
        /// (plus chain) and the key, like NUT's CERTFILE; the key may also be in <paramref name="keyFile"/>.
        /// <paramref name="password"/> decrypts the PKCS#12 file or an encrypted PKCS#8 key.
        /// </summary>
        public static X509Certificate2 LoadWithKey(string file, string? password = null, string? keyFile = null)
        {
            var content = ReadFile(file, "certificate");
            X509Certificate2 cert;
            if (!PemFile.LooksLikePem(content))
            {
                try
                {
                    cert = new X509Certificate2(content, password, X509KeyStorageFlags.Exportable);
                }
                catch (CryptographicException ex)
                {
                    throw new TlsConfigurationException(
                        $"Cannot read '{file}' as a PKCS#12 (.pfx) file: {ex.Message} (wrong password, or not a PEM/PFX file?)", ex);
                }
            }
            else
            {
                cert = LoadPem(file, content, password, keyFile);
            }
            if (!cert.HasPrivateKey)
                throw new TlsConfigurationException($"'{file}' holds a certificate but no private key; give the key in the same file or a separate key file.");
            return ForSslStream(cert);
        }

        private static X509Certificate2 LoadPem(string file, byte[] content, string? password, string? keyFile)
        {
            var blocks = PemFile.Parse(Encoding.ASCII.GetString(content));
            if (!blocks.Any(b => b.IsCertificate))
                throw new TlsConfigurationException($"'{file}' contains no PEM CERTIFICATE block.");
            var keyBlocks = keyFile == null ? blocks : PemFile.Parse(Encoding.ASCII.GetString(ReadFile(keyFile, "private key")));
            var key = keyBlocks.FirstOrDefault(b => b.IsPrivateKey);
            var keyName = keyFile ?? file;
            if (key == null)
                throw new TlsConfigurationException($"'{keyName}' contains no PEM PRIVATE KEY block; the server certificate file must hold the certificate and its key.");
            if (key.IsEncryptedKey && key.Label != "ENCRYPTED PRIVATE KEY")
                throw new TlsConfigurationException(
                    $"The key in '{keyName}' uses legacy OpenSSL PEM encryption; convert it with 'openssl pkcs8 -topk8 -in key.pem -out key8.pem' (encrypted PKCS#8) or use a .pfx file.");
            if (key.IsEncryptedKey && string.IsNullOrEmpty(password))
                throw new TlsConfigurationException($"The private key in '{keyName}' is encrypted; give its password (CERTIDENT's second word, or -CertificatePassword).");
            try
            {
                if (key.IsEncryptedKey)
                {
                    var method = typeof(X509Certificate2).GetMethod("CreateFromEncryptedPemFile", BindingFlags.Public | BindingFlags.Static);
                    if (method == null) throw NeedsModernRuntime(file);
                    var loader = (EncryptedPemLoader)Delegate.CreateDelegate(typeof(EncryptedPemLoader), method);
                    return loader(file, password!.AsSpan(), keyFile);
                }
                else
                {
                    var method = typeof(X509Certificate2).GetMethod("CreateFromPemFile", BindingFlags.Public | BindingFlags.Static,
                        null, new[] { typeof(string), typeof(string) }, null);
                    if (method == null) throw NeedsModernRuntime(file);
                    return (X509Certificate2)method.Invoke(null, new object?[] { file, keyFile })!;
                }
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw new TlsConfigurationException($"Cannot load the certificate and key from '{keyName}': {ex.InnerException.Message}", ex.InnerException);
            }
            catch (CryptographicException ex)
            {
                throw new TlsConfigurationException($"Cannot load the certificate and key from '{keyName}': {ex.Message} (wrong password, or key does not match the certificate?)", ex);
            }
        }

        /// <summary>A certificate with private key from the certificate store (CurrentUser, then LocalMachine \ My) by
        /// thumbprint, or by subject name when <paramref name="thumbprintOrSubject"/> is not a thumbprint.</summary>
        public static X509Certificate2 LoadFromStore(string thumbprintOrSubject)
        {
            var wanted = NormalizeThumbprint(thumbprintOrSubject);
            var isThumbprint = wanted.Length == 40 && wanted.All(Uri.IsHexDigit);
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                try
                {
                    using var store = new X509Store(StoreName.My, location);
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                    var found = isThumbprint
                        ? store.Certificates.Find(X509FindType.FindByThumbprint, wanted, false)
                        : store.Certificates.Find(X509FindType.FindBySubjectName, thumbprintOrSubject, true);
                    var now = DateTime.Now;
                    var best = found.Cast<X509Certificate2>()
                        .Where(c => c.HasPrivateKey && c.NotBefore <= now && c.NotAfter >= now)
                        .OrderByDescending(c => c.NotAfter).FirstOrDefault();
                    if (best != null) return best;
                }
                catch (CryptographicException) { }
            }
            throw new TlsConfigurationException(
                $"No valid certificate with a private key matching '{thumbprintOrSubject}' in the CurrentUser or LocalMachine 'My' store.");
        }

        /// <summary>Trust anchors from a PEM bundle, a DER file, or a directory of such files (*.pem, *.crt, *.cer).</summary>
        public static X509Certificate2Collection LoadTrustAnchors(string path)
        {
            var result = new X509Certificate2Collection();
            if (Directory.Exists(path))
            {
                ThrowIfNssDatabase(path);
                foreach (var f in Directory.GetFiles(path).OrderBy(f => f, StringComparer.Ordinal))
                {
                    var ext = Path.GetExtension(f).ToLowerInvariant();
                    if (ext == ".pem" || ext == ".crt" || ext == ".cer" || ext == ".0" || IsHashName(f))
                        AddCertificates(result, f, ReadFile(f, "CA certificate"), strict: false);
                }
                if (result.Count == 0)
                    throw new TlsConfigurationException($"The CA directory '{path}' contains no certificate files (*.pem, *.crt, *.cer).");
                return result;
            }
            AddCertificates(result, path, ReadFile(path, "CA certificate"), strict: true);
            return result;
        }

        /// <summary>NUT's Debian build keeps certificates in NSS databases (cert9.db / cert8.db); .NET cannot read them.</summary>
        public static bool IsNssDatabase(string directory) =>
            Directory.Exists(directory) &&
            (File.Exists(Path.Combine(directory, "cert9.db")) || File.Exists(Path.Combine(directory, "cert8.db")) ||
             File.Exists(Path.Combine(directory, "key4.db")) || File.Exists(Path.Combine(directory, "key3.db")));

        public static void ThrowIfNssDatabase(string directory)
        {
            if (!IsNssDatabase(directory)) return;
            throw new TlsConfigurationException(
                $"'{directory}' is an NSS certificate database (NUT's Debian build); UpsPS cannot read NSS databases. " +
                "Export the certificates as PEM, e.g. 'certutil -L -d " + directory + " -n <nickname> -a > cert.pem' for a certificate, " +
                "and 'pk12util -o server.p12 -d " + directory + " -n <nickname>' for a certificate with its key, then point the setting at that file.");
        }

        /// <summary>Upper-case hex without spaces or colons (how thumbprints are compared).</summary>
        public static string NormalizeThumbprint(string thumbprint) =>
            new string(thumbprint.Where(c => !char.IsWhiteSpace(c) && c != ':' && c != '\u200e').ToArray()).ToUpperInvariant();

        /// <summary>SHA-256 of the DER certificate as upper-case hex (the longer pin form).</summary>
        public static string Sha256Thumbprint(X509Certificate certificate)
        {
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(certificate.GetRawCertData())).Replace("-", "");
        }

        private static void AddCertificates(X509Certificate2Collection into, string file, byte[] content, bool strict)
        {
            try
            {
                if (PemFile.LooksLikePem(content))
                {
                    var certs = PemFile.Parse(Encoding.ASCII.GetString(content)).Where(b => b.IsCertificate).ToList();
                    if (certs.Count == 0 && strict) throw new TlsConfigurationException($"'{file}' contains no PEM CERTIFICATE block.");
                    foreach (var b in certs) into.Add(new X509Certificate2(b.Data));
                }
                else
                {
                    into.Add(new X509Certificate2(content));
                }
            }
            catch (CryptographicException ex)
            {
                if (strict) throw new TlsConfigurationException($"Cannot read a certificate from '{file}': {ex.Message}", ex);
            }
        }

        private static bool IsHashName(string file)
        {
            var name = Path.GetFileName(file);
            return name.Length == 10 && name[8] == '.' && char.IsDigit(name[9]) && name.Take(8).All(Uri.IsHexDigit);
        }

        private static byte[] ReadFile(string file, string what)
        {
            if (Directory.Exists(file))
            {
                ThrowIfNssDatabase(file);
                throw new TlsConfigurationException($"The {what} file '{file}' is a directory.");
            }
            try { return File.ReadAllBytes(file); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new TlsConfigurationException($"Cannot read the {what} file '{file}': {ex.Message}", ex);
            }
        }

        private static TlsConfigurationException NeedsModernRuntime(string file) =>
            new TlsConfigurationException($"Loading PEM certificates ('{file}') needs PowerShell 7 (.NET 5 or newer); use a .pfx file on this runtime.");

        // Windows' TLS stack (SChannel) cannot use keys that were only imported into memory, as PEM keys are:
        // a round trip through PKCS#12 gives the key a real key container.
        private static X509Certificate2 ForSslStream(X509Certificate2 cert)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return cert;
            var pfx = cert.Export(X509ContentType.Pkcs12);
            return new X509Certificate2(pfx, (string?)null, X509KeyStorageFlags.Exportable);
        }
    }
}
