package org.lockstep.sim;
