/* Test-only shim for Wine 8, never shipped: Rust's standard library imports
 * ProcessPrng from bcryptprimitives.dll (present on Windows 10 and 11), which
 * Wine 8 lacks. This DLL provides it by forwarding to BCryptGenRandom.
 * Built by tests/wine/run.sh with mingw; see the comment there. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
