package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The examples of RFC 9449, as vectors. */
class Rfc9449Test {
  /** RFC 9449 section 5, figure 5: the DPoP header of the example token request. */
  private static final String FIGURE_5_PROOF = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp"
      + "7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5Ijoi"
      + "OVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGki"
      + "OiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29t"
      + "L3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdL"
      + "XiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";

  /**
   * The RFC's own proof verifies with the test's verifier: the check every other proof test
   * relies on is sound for real JOSE signatures.
   */
  @Test
  void figure5Proof_verifiesWithTheTestsIndependentVerifier() throws Exception {
    DpopTestSupport.Proof proof = new DpopTestSupport.Proof(FIGURE_5_PROOF);

    assertTrue(proof.verifies());
    assertEquals("dpop+jwt", proof.header.get("typ"));
    assertEquals("https://server.example.com/token", proof.claims.get("htu"));
  }

  /** RFC 9449 section 7.1: the example access token and the ath of its proof. */
  @Test
  void ath_section71Example() {
    DpopProofs proofs = DpopProofs.of(DpopKey.generate());

    assertEquals("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo",
        proofs.ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));
  }
}
