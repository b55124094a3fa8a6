"""Claim support: does the cited page say what the claim says?"""
