package io.adplatform.common.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Partner access tokens at rest (offline-tasks' report accounts, admin-platform's ad accounts): AES-256-GCM with a random 96-bit nonce and the account ({@code media:accountId}) as associated
 * data, so a sealed token copied to another account's row does not open. Layout: version byte 1, nonce, ciphertext
 * with its 128-bit tag.
 */
public final class TokenCipher {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    /** The setting the key comes from, named when a token does not open (the key was changed). */
    private final String keySetting;

    public TokenCipher(byte[] key, String keySetting) {
        if (key.length != 32) {
            throw new IllegalArgumentException(keySetting + " must be 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keySetting = keySetting;
    }

    public byte[] seal(String token, String account) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an access token", e);
        }
    }

    /** The token; fails when the bytes were not sealed for this account under this key. */
    public String open(byte[] sealed, String account) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("the stored access token of " + account + " is not in a known format");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE)));
            c.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored access token of " + account + " does not decrypt with "
                    + keySetting + " (was the key changed? put the token again)", e);
        }
    }
}
