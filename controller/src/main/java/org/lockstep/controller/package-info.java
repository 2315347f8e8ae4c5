package org.lockstep.controller;
