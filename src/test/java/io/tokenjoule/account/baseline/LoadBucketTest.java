package io.tokenjoule.account.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LoadBucketTest {

  @Test
  void bucketsHoldTheirLowerBoundAndExcludeTheirUpperBound() {
    assertEquals("0-1", LoadBucket.of(0).label());
    assertEquals("0-1", LoadBucket.of(Math.nextDown(1.0)).label());
    assertEquals("1-2", LoadBucket.of(1).label());
    assertEquals("1-2", LoadBucket.of(Math.nextDown(2.0)).label());
    assertEquals("2-4", LoadBucket.of(2).label());
    assertEquals("4-8", LoadBucket.of(Math.nextDown(8.0)).label());
    assertEquals("8-16", LoadBucket.of(8).label());
    assertEquals("16-32", LoadBucket.of(24).label());
    assertEquals("256-512", LoadBucket.of(256).label());
  }

  @Test
  void boundsDoubleFromOneBucketToTheNext() {
    LoadBucket bucket = LoadBucket.of(5);
    assertEquals(3, bucket.index());
    assertEquals(4, bucket.lowerBound());
    assertEquals(8, bucket.upperBound());
    assertEquals(0, new LoadBucket(0).lowerBound());
    assertEquals(1, new LoadBucket(0).upperBound());
  }

  @Test
  void absurdLoadsLandInTheOpenTopBucket() {
    LoadBucket top = LoadBucket.of(1e30);
    assertEquals(LoadBucket.MAX_INDEX, top.index());
    assertEquals("549755813888-inf", top.label());
    assertEquals(Double.POSITIVE_INFINITY, top.upperBound());
    assertEquals(top, LoadBucket.of(Math.scalb(1.0, LoadBucket.MAX_INDEX - 1)));
    assertEquals(LoadBucket.MAX_INDEX - 1, LoadBucket.of(Math.scalb(1.0, 38)).index());
  }

  @Test
  void unknownOrNegativeLoadHasNoBucket() {
    assertThrows(IllegalArgumentException.class, () -> LoadBucket.of(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> LoadBucket.of(-0.5));
    assertThrows(IllegalArgumentException.class, () -> new LoadBucket(-1));
    assertThrows(IllegalArgumentException.class, () -> new LoadBucket(LoadBucket.MAX_INDEX + 1));
  }

  @Test
  void everyLabelParsesBackToItsBucket() {
    for (int index = 0; index <= LoadBucket.MAX_INDEX; index++) {
      LoadBucket bucket = new LoadBucket(index);
      assertEquals(bucket, LoadBucket.parse(bucket.label()));
    }
    for (String bad : new String[] {"", "3-4", "2-8", "0-2", "-1-2", "4-8 ", "x-y", "4", "8-4"}) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> LoadBucket.parse(bad), bad);
      assertEquals(
          "not a load bucket: \"" + bad + "\" (expected 0-1, 1-2, 2-4, 4-8, ...)",
          error.getMessage());
    }
  }
}
