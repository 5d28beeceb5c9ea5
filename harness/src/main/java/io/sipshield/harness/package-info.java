package io.sipshield.harness;
